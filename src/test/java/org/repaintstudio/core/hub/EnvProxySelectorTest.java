package org.repaintstudio.core.hub;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EnvProxySelectorTest {

    @Test
    void usesHttpsProxyFromEnvironmentAndHonoursNoProxy() {
        ProxySelector s = EnvProxySelector.choose(Map.of(
                "HTTPS_PROXY", "http://proxy.corp:3128", "no_proxy", "internal.corp, .cdn.example,*.other"));
        assertThat(s).isInstanceOf(EnvProxySelector.class);
        Proxy p = s.select(URI.create("https://huggingface.co/x")).get(0);
        assertThat(p.type()).isEqualTo(Proxy.Type.HTTP);
        assertThat(((InetSocketAddress) p.address()).getHostString()).isEqualTo("proxy.corp");
        assertThat(((InetSocketAddress) p.address()).getPort()).isEqualTo(3128);
        assertThat(s.select(URI.create("https://internal.corp/x")).get(0)).isEqualTo(Proxy.NO_PROXY);
        assertThat(s.select(URI.create("https://a.internal.corp/x")).get(0)).isEqualTo(Proxy.NO_PROXY);
        assertThat(s.select(URI.create("https://x.cdn.example/x")).get(0)).isEqualTo(Proxy.NO_PROXY);
        assertThat(s.select(URI.create("https://b.other/x")).get(0)).isEqualTo(Proxy.NO_PROXY);
        assertThat(s.select(URI.create("http://127.0.0.1:8080/x")).get(0)).isEqualTo(Proxy.NO_PROXY);
        // No http_proxy set: plain http goes direct.
        assertThat(s.select(URI.create("http://example.org/x")).get(0)).isEqualTo(Proxy.NO_PROXY);
    }

    @Test
    void starInNoProxyDisablesTheProxy() {
        ProxySelector s = EnvProxySelector.choose(Map.of("https_proxy", "proxy:8080", "NO_PROXY", "*"));
        assertThat(s.select(URI.create("https://huggingface.co/")).get(0)).isEqualTo(Proxy.NO_PROXY);
    }

    @Test
    void withoutVariablesTheJavaDefaultApplies() {
        assertThat(EnvProxySelector.choose(Map.of())).isSameAs(ProxySelector.getDefault());
    }
}
