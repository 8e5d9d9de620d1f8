package org.repaintstudio.core.hub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on loopback that serves files in the Hub's URL layout
 * ({@code /<owner>/<repo>/resolve/<revision>/<path>}), with switches for the failure modes
 * the downloader must survive.
 */
public final class FakeHub implements AutoCloseable {
    /** A request as the server saw it. */
    public record Seen(String method, String path, String range, String authorization) { }

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    /** Number of upcoming GETs that send headers and half the body, then drop the connection. */
    public final AtomicInteger dropsLeft = new AtomicInteger();
    /** When set, LFS-style ETag announcing this sha256 instead of the real one. */
    public volatile String announceSha;
    /** When set, resolve URLs redirect (302) to this other server, like the Hub's CDN. */
    public volatile FakeHub cdn;
    /** Whether to announce the sha256 ETag at all (off for "small git file" behaviour). */
    public volatile boolean lfs = true;
    /** When above 0, file bodies are sent at about this many bytes per second (to see progress and cancel). */
    public volatile long bytesPerSecond;

    public FakeHub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Serves {@code content} at {@code repo/resolve/<any revision>/path}. */
    public void put(String repo, String path, byte[] content) {
        files.put(repo + "|" + path, content);
    }

    public List<Seen> seen() {
        return seen;
    }

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        seen.add(new Seen(ex.getRequestMethod(), path, ex.getRequestHeaders().getFirst("Range"),
                ex.getRequestHeaders().getFirst("Authorization")));
        try (ex) {
            byte[] content = lookup(path);
            if (content == null) {
                ex.getResponseHeaders().add("X-Error-Code", "EntryNotFound");
                ex.sendResponseHeaders(404, -1);
                return;
            }
            FakeHub redirect = cdn;
            String sha = announceSha != null ? announceSha : sha256(content);
            if (redirect != null && path.contains("/resolve/")) {
                // Like the Hub: the checksum is on the redirect, the CDN answers with its own ETag.
                redirect.files.put("cdn|" + path, content);
                ex.getResponseHeaders().add("Location", redirect.baseUrl() + "/cdn" + path);
                if (lfs) {
                    ex.getResponseHeaders().add("X-Linked-Etag", "\"" + sha + "\"");
                }
                ex.getResponseHeaders().add("X-Linked-Size", String.valueOf(content.length));
                ex.sendResponseHeaders(302, -1);
                return;
            }
            if (lfs && !path.startsWith("/cdn/")) {
                ex.getResponseHeaders().add("ETag", "W/\"" + sha + "\"");
            } else {
                ex.getResponseHeaders().add("ETag", "\"cdn-" + content.length + "\"");
            }
            if (ex.getRequestMethod().equals("HEAD")) {
                ex.sendResponseHeaders(200, -1);
                return;
            }
            String range = ex.getRequestHeaders().getFirst("Range");
            int start = 0;
            if (range != null && range.startsWith("bytes=") && range.endsWith("-")) {
                start = Integer.parseInt(range.substring(6, range.length() - 1));
                if (start >= content.length) {
                    ex.getResponseHeaders().add("Content-Range", "bytes */" + content.length);
                    ex.sendResponseHeaders(416, -1);
                    return;
                }
                ex.getResponseHeaders().add("Content-Range",
                        "bytes " + start + "-" + (content.length - 1) + "/" + content.length);
                ex.sendResponseHeaders(206, content.length - start);
            } else {
                ex.sendResponseHeaders(200, content.length);
            }
            OutputStream out = ex.getResponseBody();
            if (dropsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                int half = (content.length - start) / 2;
                out.write(content, start, half);
                out.flush();
                // Closing short of Content-Length makes the server drop the connection.
                return;
            }
            long rate = bytesPerSecond;
            if (rate <= 0) {
                out.write(content, start, content.length - start);
                return;
            }
            int chunk = 16 * 1024;
            for (int pos = start; pos < content.length; pos += chunk) {
                int n = Math.min(chunk, content.length - pos);
                out.write(content, pos, n);
                out.flush();
                try {
                    Thread.sleep(Math.max(1, n * 1000L / rate));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        } catch (IOException e) {
            // The dropped-connection case ends here on purpose.
        }
    }

    private byte[] lookup(String rawPath) {
        if (rawPath.startsWith("/cdn/")) {
            return files.get("cdn|" + rawPath.substring(4));
        }
        int i = rawPath.indexOf("/resolve/");
        if (i < 0) {
            return null;
        }
        String repo = rawPath.substring(1, i);
        String rest = rawPath.substring(i + "/resolve/".length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return null;
        }
        String file = java.net.URLDecoder.decode(rest.substring(slash + 1), java.nio.charset.StandardCharsets.UTF_8);
        return files.get(repo + "|" + file);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
