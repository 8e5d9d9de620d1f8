package org.repaintstudio.core.hub;

import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.io.AtomicFiles;
import org.repaintstudio.core.io.FileDigests;
import org.repaintstudio.core.task.CancelToken;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads files from the Hugging Face Hub ({@code <base>/<repo>/resolve/<revision>/<path>}).
 *
 * <p>Downloads go to {@code <dest>.part}, resume from it with an HTTP Range request (within a call
 * after a dropped connection, and across calls), are checked against the sha256 the Hub announces
 * for LFS files, and are then moved into place atomically. Redirects (the Hub sends LFS files to a
 * CDN) are followed here rather than by HttpClient, so a token never leaves the Hub's host.
 * Blocking: call it off the UI thread.
 */
public final class HubClient {
    public static final URI DEFAULT_BASE_URL = URI.create("https://huggingface.co");
    private static final Pattern REPO_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final int MAX_REDIRECTS = 10;

    private final URI baseUrl;
    private final HttpClient http;
    private final String token;
    private final int retries;

    /** The public Hub (or {@code HF_ENDPOINT}), with {@code HF_TOKEN} if set and the environment's proxy. */
    public HubClient() {
        this(defaultBaseUrl());
    }

    public HubClient(URI baseUrl) {
        this(baseUrl, System.getenv("HF_TOKEN"), 3);
    }

    /**
     * @param token a Hub access token for gated or private repositories, or null
     * @param retries how often a dropped transfer is resumed within one call
     */
    public HubClient(URI baseUrl, String token, int retries) {
        this.baseUrl = stripTrailingSlash(baseUrl);
        this.token = token == null || token.isBlank() ? null : token.trim();
        this.retries = Math.max(0, retries);
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(30))
                .proxy(EnvProxySelector.choose(System.getenv()))
                .build();
    }

    public static URI defaultBaseUrl() {
        String env = System.getenv("HF_ENDPOINT");
        return env == null || env.isBlank() ? DEFAULT_BASE_URL : URI.create(env.trim());
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /** Host name (and port, if any) for messages. */
    public String hostLabel() {
        return baseUrl.getPort() == -1 ? baseUrl.getHost() : baseUrl.getHost() + ":" + baseUrl.getPort();
    }

    /** Checks a repository id such as {@code google/ddpm-ema-celebahq-256}. */
    public static String requireRepoId(String repoId) {
        if (repoId == null || !REPO_ID.matcher(repoId).matches() || repoId.contains("..")) {
            throw new UserFacingException("'" + repoId + "' is not a Hugging Face repository id (expected owner/name,"
                    + " e.g. google/ddpm-ema-celebahq-256).");
        }
        return repoId;
    }

    /** The resolve URL of a file. */
    public URI fileUrl(String repoId, String revision, String path) {
        StringBuilder sb = new StringBuilder(baseUrl.toString()).append('/').append(requireRepoId(repoId))
                .append("/resolve/").append(encode(revision));
        for (String segment : path.split("/")) {
            sb.append('/').append(encode(segment));
        }
        return URI.create(sb.toString());
    }

    /** Whether the file exists at that revision (a HEAD request; follows no redirect). */
    public boolean exists(String repoId, String revision, String path) {
        URI url = fileUrl(repoId, revision, path);
        HttpRequest req = request(url, null).method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<Void> resp = send(req, HttpResponse.BodyHandlers.discarding(), url);
        int code = resp.statusCode();
        if (code == 404) {
            return false;
        }
        if (code >= 200 && code < 400) {
            return true;
        }
        throw httpError(resp.statusCode(), resp.headers(), repoId, revision, path);
    }

    /** Outcome of a download. */
    public record Download(Path file, long bytes, String sha256, boolean verified, boolean resumed) { }

    /**
     * Downloads one file to {@code dest}, resuming {@code dest.part} if present. On failure the
     * part file is kept for the next try, except when its content is known to be wrong (checksum).
     */
    public Download download(String repoId, String revision, String path, Path dest,
                             DownloadListener listener, CancelToken cancel) {
        DownloadListener out = listener == null ? DownloadListener.NONE : listener;
        CancelToken token = cancel == null ? CancelToken.none() : cancel;
        URI url = fileUrl(repoId, revision, path);
        Path part = dest.resolveSibling(dest.getFileName() + ".part");
        try {
            Files.createDirectories(dest.toAbsolutePath().getParent());
            boolean resumed = false;
            Transfer last = null;
            for (int attempt = 0; ; attempt++) {
                token.throwIfCancelled();
                long have = Files.exists(part) ? Files.size(part) : 0;
                resumed |= have > 0;
                try {
                    last = transfer(url, repoId, revision, path, part, have, out, token);
                    break;
                } catch (DroppedTransfer e) {
                    if (attempt >= retries) {
                        throw new UserFacingException("The download of " + path + " from " + hostLabel()
                                + " was interrupted (" + e.getMessage() + "); run it again to resume.", e);
                    }
                }
            }
            long size = Files.size(part);
            if (last.total >= 0 && size != last.total) {
                throw new UserFacingException("The download of " + path + " from " + hostLabel() + " ended at "
                        + size + " of " + last.total + " bytes; run it again to resume.");
            }
            String sha = FileDigests.sha256(part, null, token);
            boolean verified = false;
            if (last.expectedSha256 != null) {
                if (!last.expectedSha256.equalsIgnoreCase(sha)) {
                    Files.deleteIfExists(part);
                    throw new UserFacingException("The downloaded " + path + " does not match the checksum "
                            + hostLabel() + " gave (sha256 " + last.expectedSha256 + ", got " + sha
                            + "); the damaged file was removed, please try again.");
                }
                verified = true;
            }
            AtomicFiles.replace(part, dest);
            return new Download(dest, size, sha, verified, resumed);
        } catch (IOException e) {
            throw new UserFacingException("Cannot save " + path + " to " + dest + ": " + e.getMessage(), e);
        }
    }

    /** What one successful transfer learned about the file. */
    private record Transfer(long total, String expectedSha256) { }

    /** The connection dropped after some data arrived; the caller may resume. */
    private static final class DroppedTransfer extends IOException {
        DroppedTransfer(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private Transfer transfer(URI url, String repoId, String revision, String path, Path part, long have,
                              DownloadListener listener, CancelToken cancel) throws IOException {
        Opened opened = openFollowingRedirects(url, path, have);
        HttpResponse<InputStream> resp = opened.response();
        int code = resp.statusCode();
        long total;
        long start;
        if (code == 206) {
            Matcher m = CONTENT_RANGE.matcher(resp.headers().firstValue("Content-Range").orElse(""));
            if (!m.matches() || Long.parseLong(m.group(1)) != have) {
                // A range we did not ask for: start over rather than splice wrong bytes.
                closeQuietly(resp.body());
                Files.deleteIfExists(part);
                return transfer(url, repoId, revision, path, part, 0, listener, cancel);
            }
            total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
            start = have;
        } else if (code == 200) {
            total = resp.headers().firstValueAsLong("Content-Length").orElse(opened.linkedSize());
            start = 0; // the server ignored the range (or none was asked): rewrite from the beginning
        } else if (code == 416 && have > 0) {
            closeQuietly(resp.body());
            if (partIsComplete(resp.headers(), have)) {
                return new Transfer(have, opened.expectedSha256());
            }
            Files.deleteIfExists(part);
            return transfer(url, repoId, revision, path, part, 0, listener, cancel);
        } else {
            closeQuietly(resp.body());
            throw httpError(code, resp.headers(), repoId, revision, path);
        }
        if (total < 0) {
            total = opened.linkedSize();
        }
        copyBody(resp.body(), part, start, total, new Speedometer(path, start, total), listener, cancel);
        return new Transfer(total, opened.expectedSha256());
    }

    /** A response after redirects, with what the first hops announced about the file. */
    private record Opened(HttpResponse<InputStream> response, String expectedSha256, long linkedSize) { }

    /** Sends the (range) request and follows redirects, remembering the checksum and size the Hub announces. */
    private Opened openFollowingRedirects(URI url, String path, long have) throws IOException {
        String expectedSha = null;
        long linkedSize = -1;
        URI current = url;
        for (int hop = 0; ; hop++) {
            HttpRequest.Builder rb = request(current, have > 0 ? "bytes=" + have + "-" : null).GET();
            HttpResponse<InputStream> resp = send(rb.build(), HttpResponse.BodyHandlers.ofInputStream(), current);
            if (expectedSha == null) {
                expectedSha = announcedSha256(resp.headers()).orElse(null);
            }
            if (linkedSize < 0) {
                linkedSize = resp.headers().firstValueAsLong("X-Linked-Size").orElse(-1);
            }
            int code = resp.statusCode();
            if (code < 300 || code >= 400 || code == 304) {
                return new Opened(resp, expectedSha, linkedSize);
            }
            closeQuietly(resp.body());
            Optional<String> location = resp.headers().firstValue("Location");
            if (location.isEmpty() || hop >= MAX_REDIRECTS) {
                throw new UserFacingException("Could not download " + path + " from " + hostLabel()
                        + ": too many or broken redirects.");
            }
            current = current.resolve(location.get());
        }
    }

    /** A 416 answer whose Content-Range says the part file already holds the whole file. */
    private static boolean partIsComplete(HttpHeaders headers, long have) {
        String range = headers.firstValue("Content-Range").orElse("");
        Matcher m = Pattern.compile("bytes \\*/(\\d+)").matcher(range);
        return m.matches() && Long.parseLong(m.group(1)) == have;
    }

    /** Streams the body into the part file from {@code start}; a dropped connection keeps what arrived. */
    private void copyBody(InputStream body, Path part, long start, long total, Speedometer speed,
                          DownloadListener listener, CancelToken cancel) throws IOException {
        // Closing the body from the cancelling thread unblocks a read that waits on a stalled server.
        CancelToken.Registration closeOnCancel = cancel.onCancel(() -> closeQuietly(body));
        try (closeOnCancel; FileChannel ch = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ch.truncate(start);
            ch.position(start);
            byte[] buf = new byte[1 << 16];
            long done = start;
            listener.progress(speed.update(done, true));
            while (true) {
                int n;
                try {
                    n = body.read(buf);
                } catch (IOException e) {
                    if (cancel.isCancelled()) {
                        throw new CancellationException("Download cancelled.");
                    }
                    ch.force(false);
                    throw new DroppedTransfer(describe(e), e);
                }
                if (n < 0) {
                    break;
                }
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                while (bb.hasRemaining()) {
                    ch.write(bb);
                }
                done += n;
                DownloadProgress p = speed.update(done, false);
                if (p != null) {
                    listener.progress(p);
                }
                cancel.throwIfCancelled();
            }
            ch.force(false);
            listener.progress(speed.update(done, true));
            if (total >= 0 && done < total) {
                throw new DroppedTransfer("the connection closed at " + done + " of " + total + " bytes", null);
            }
        } finally {
            closeQuietly(body);
        }
    }

    /** The sha256 the Hub gives for LFS files: X-Linked-Etag (redirect) or ETag, if it is 64 hex digits. */
    static Optional<String> announcedSha256(HttpHeaders headers) {
        for (String name : new String[] {"X-Linked-Etag", "ETag"}) {
            Optional<String> v = headers.firstValue(name).map(HubClient::stripEtag);
            if (v.isPresent() && SHA256.matcher(v.get()).matches()) {
                return Optional.of(v.get().toLowerCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }

    static String stripEtag(String raw) {
        String v = raw.trim();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        return v;
    }

    private HttpRequest.Builder request(URI url, String range) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(60))
                .header("User-Agent", "repaint-studio/" + version());
        if (range != null) {
            b.header("Range", range);
        }
        if (token != null && sameHost(url, baseUrl)) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private <T> HttpResponse<T> send(HttpRequest req, HttpResponse.BodyHandler<T> handler, URI url) {
        try {
            return http.send(req, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("Download cancelled.");
        } catch (IOException e) {
            String host = url.getPort() == -1 ? url.getHost() : url.getHost() + ":" + url.getPort();
            throw new UserFacingException("Could not reach " + host + ": " + describe(e) + ".", e);
        }
    }

    private UserFacingException httpError(int code, HttpHeaders headers, String repoId, String revision, String path) {
        String errorCode = headers.firstValue("X-Error-Code").orElse("");
        if (errorCode.equals("RevisionNotFound")) {
            return new UserFacingException("Revision '" + revision + "' does not exist in repository " + repoId
                    + " on " + hostLabel() + ".");
        }
        if (errorCode.equals("RepoNotFound") || ((code == 401 || code == 403) && !errorCode.equals("EntryNotFound"))) {
            return new UserFacingException("Repository " + repoId + " was not found on " + hostLabel()
                    + " or needs a login (HTTP " + code + "); for gated or private repositories set HF_TOKEN.");
        }
        if (code == 404) {
            return new HubFileNotFoundException("File " + path + " was not found in repository " + repoId
                    + " (revision " + revision + ") on " + hostLabel() + ".", repoId, path);
        }
        return new UserFacingException("Downloading " + path + " from " + repoId + " failed: " + hostLabel()
                + " answered HTTP " + code + ".");
    }

    static String describe(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "connection timed out";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer in time";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (e instanceof ConnectException || root instanceof ConnectException) {
            String m = root.getMessage();
            return m == null || m.isBlank() ? "connection refused" : m.toLowerCase(Locale.ROOT);
        }
        if (root instanceof UnknownHostException || root instanceof UnresolvedAddressException) {
            return "unknown host (no network or DNS?)";
        }
        String m = e.getMessage() != null ? e.getMessage() : root.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static boolean sameHost(URI a, URI b) {
        return a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost()) && a.getPort() == b.getPort()
                && a.getScheme().equalsIgnoreCase(b.getScheme());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static URI stripTrailingSlash(URI u) {
        String s = u.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        URI out = URI.create(s);
        if (out.getScheme() == null || out.getHost() == null
                || !(out.getScheme().equals("https") || out.getScheme().equals("http"))) {
            throw new UserFacingException("'" + u + "' is not an http(s) base URL.");
        }
        return out;
    }

    private static String version() {
        String v = HubClient.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // Nothing useful to do: the stream is being abandoned.
        }
    }

    /** Speed over a sliding window and the ETA derived from it; throttles updates to ~10 per second. */
    private static final class Speedometer {
        private final String file;
        private final long total;
        private long windowStartNanos = System.nanoTime();
        private long windowStartBytes;
        private long lastEmitNanos;
        private double bytesPerSecond;

        Speedometer(String file, long startBytes, long total) {
            this.file = file;
            this.total = total;
            this.windowStartBytes = startBytes;
        }

        DownloadProgress update(long done, boolean force) {
            long now = System.nanoTime();
            double windowSeconds = (now - windowStartNanos) / 1e9;
            if (windowSeconds >= 0.5) {
                double recent = (done - windowStartBytes) / windowSeconds;
                bytesPerSecond = bytesPerSecond == 0 ? recent : 0.7 * recent + 0.3 * bytesPerSecond;
                windowStartNanos = now;
                windowStartBytes = done;
            }
            if (!force && now - lastEmitNanos < 100_000_000L) {
                return null;
            }
            lastEmitNanos = now;
            Duration eta = total > 0 && bytesPerSecond > 0
                    ? Duration.ofMillis((long) ((total - done) / bytesPerSecond * 1000)) : null;
            return new DownloadProgress(file, done, total, bytesPerSecond, eta);
        }
    }

}
