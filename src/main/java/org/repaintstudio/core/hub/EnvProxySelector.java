package org.repaintstudio.core.hub;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Proxy choice for Hub downloads. Java's own proxy properties (https.proxyHost, http.proxyHost,
 * java.net.useSystemProxies) win; otherwise the curl-style environment variables https_proxy /
 * HTTPS_PROXY, http_proxy / HTTP_PROXY, all_proxy and no_proxy / NO_PROXY apply. Loopback
 * addresses are always reached directly.
 */
final class EnvProxySelector extends ProxySelector {
    private final InetSocketAddress httpsProxy;
    private final InetSocketAddress httpProxy;
    private final List<String> noProxy;

    private EnvProxySelector(InetSocketAddress httpsProxy, InetSocketAddress httpProxy, List<String> noProxy) {
        this.httpsProxy = httpsProxy;
        this.httpProxy = httpProxy;
        this.noProxy = noProxy;
    }

    /** The selector to use given these system properties and environment variables. */
    static ProxySelector choose(Map<String, String> env) {
        boolean javaConfigured = System.getProperty("https.proxyHost") != null
                || System.getProperty("http.proxyHost") != null
                || Boolean.getBoolean("java.net.useSystemProxies");
        if (javaConfigured) {
            return ProxySelector.getDefault();
        }
        String all = first(env, "all_proxy", "ALL_PROXY");
        InetSocketAddress https = parse(orElse(first(env, "https_proxy", "HTTPS_PROXY"), all));
        InetSocketAddress http = parse(orElse(first(env, "http_proxy", "HTTP_PROXY"), all));
        if (https == null && http == null) {
            return ProxySelector.getDefault();
        }
        List<String> noProxy = new ArrayList<>();
        String np = first(env, "no_proxy", "NO_PROXY");
        if (np != null) {
            for (String s : np.split(",")) {
                String t = s.trim().toLowerCase(Locale.ROOT);
                if (!t.isEmpty()) {
                    noProxy.add(t);
                }
            }
        }
        return new EnvProxySelector(https, http, noProxy);
    }

    @Override
    public List<Proxy> select(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        InetSocketAddress proxy = "https".equalsIgnoreCase(uri.getScheme()) ? httpsProxy : httpProxy;
        if (proxy == null || bypass(host)) {
            return List.of(Proxy.NO_PROXY);
        }
        return List.of(new Proxy(Proxy.Type.HTTP, proxy));
    }

    boolean bypass(String host) {
        if (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1")) {
            return true;
        }
        for (String rule : noProxy) {
            if (rule.equals("*")) {
                return true;
            }
            String r = rule.startsWith("*.") ? rule.substring(1) : rule;
            int colon = r.lastIndexOf(':');
            if (colon > 0 && !r.contains("]") && r.indexOf(':') == colon) {
                r = r.substring(0, colon); // drop a port
            }
            if (r.startsWith(".")) {
                if (host.endsWith(r) || host.equals(r.substring(1))) {
                    return true;
                }
            } else if (host.equals(r) || host.endsWith("." + r)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        // Nothing to fall back to; the request reports the failure.
    }

    static InetSocketAddress parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (!v.contains("://")) {
            v = "http://" + v;
        }
        try {
            URI u = URI.create(v);
            if (u.getHost() == null) {
                return null;
            }
            int port = u.getPort() != -1 ? u.getPort() : ("https".equalsIgnoreCase(u.getScheme()) ? 443 : 80);
            return InetSocketAddress.createUnresolved(u.getHost(), port);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String first(Map<String, String> env, String... keys) {
        for (String k : keys) {
            String v = env.get(k);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static String orElse(String a, String b) {
        return a != null ? a : b;
    }
}
