package org.repaintstudio.core.hub;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.task.CancelToken;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class HubClientTest {
    private static final String REPO = "google/ddpm-test";
    private static final String FILE = "unet/diffusion_pytorch_model.safetensors";

    @TempDir
    Path tmp;
    private FakeHub hub;
    private byte[] content;

    @BeforeEach
    void start() throws Exception {
        hub = new FakeHub();
        content = new byte[1_000_000];
        new Random(5).nextBytes(content);
        hub.put(REPO, FILE, content);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void downloadsAndVerifiesChecksum() throws Exception {
        List<DownloadProgress> events = new ArrayList<>();
        Path dest = tmp.resolve("w.safetensors");
        HubClient.Download d = new HubClient(hub.baseUrl(), null, 0).download(REPO, "main", FILE, dest, events::add, null);
        assertThat(Files.readAllBytes(dest)).isEqualTo(content);
        assertThat(d.verified()).isTrue();
        assertThat(d.sha256()).isEqualTo(FakeHub.sha256(content));
        assertThat(tmp.resolve("w.safetensors.part")).doesNotExist();
        assertThat(events).isNotEmpty();
        assertThat(events.get(events.size() - 1).bytesDone()).isEqualTo(content.length);
        assertThat(events.get(events.size() - 1).bytesTotal()).isEqualTo(content.length);
        assertThat(hub.seen()).extracting(FakeHub.Seen::path).containsExactly("/" + REPO + "/resolve/main/" + FILE);
    }

    @Test
    void droppedConnectionResumesWithRange() throws Exception {
        hub.dropsLeft.set(1);
        Path dest = tmp.resolve("w.safetensors");
        HubClient.Download d = new HubClient(hub.baseUrl(), null, 2).download(REPO, "main", FILE, dest, null, null);
        assertThat(Files.readAllBytes(dest)).isEqualTo(content);
        assertThat(d.verified()).isTrue();
        assertThat(d.resumed()).isTrue();
        assertThat(hub.seen()).hasSize(2);
        assertThat(hub.seen().get(0).range()).isNull();
        assertResumedFromWithinTheFirstHalf(hub.seen().get(1).range());
    }

    @Test
    void interruptedDownloadKeepsPartFileAndTheNextCallResumes() throws Exception {
        hub.dropsLeft.set(1);
        Path dest = tmp.resolve("w.safetensors");
        HubClient client = new HubClient(hub.baseUrl(), null, 0);
        assertThatThrownBy(() -> client.download(REPO, "main", FILE, dest, null, null))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("interrupted")
                .hasMessageContaining("resume");
        assertThat(dest).doesNotExist();
        long kept = Files.size(tmp.resolve("w.safetensors.part"));
        assertThat(kept).isBetween(1L, (long) content.length / 2);

        HubClient.Download d = client.download(REPO, "main", FILE, dest, null, null);
        assertThat(d.resumed()).isTrue();
        assertThat(Files.readAllBytes(dest)).isEqualTo(content);
        assertThat(hub.seen().get(1).range()).isEqualTo("bytes=" + kept + "-");
    }

    /** The client keeps what it received before the drop (possibly less than was sent) and asks for the rest. */
    private void assertResumedFromWithinTheFirstHalf(String range) {
        assertThat(range).startsWith("bytes=").endsWith("-");
        long start = Long.parseLong(range.substring(6, range.length() - 1));
        assertThat(start).isBetween(1L, (long) content.length / 2);
    }

    @Test
    void checksumMismatchIsRejectedAndNothingMovedIntoPlace() {
        hub.announceSha = "ab".repeat(32);
        Path dest = tmp.resolve("w.safetensors");
        assertThatThrownBy(() -> new HubClient(hub.baseUrl(), null, 0).download(REPO, "main", FILE, dest, null, null))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("checksum")
                .hasMessageContaining("ab".repeat(32));
        assertThat(dest).doesNotExist();
        assertThat(tmp.resolve("w.safetensors.part")).doesNotExist();
    }

    @Test
    void missingFileNamesRepoAndFile() {
        assertThatThrownBy(() -> new HubClient(hub.baseUrl(), null, 0)
                .download(REPO, "main", "unet/nope.json", tmp.resolve("x"), null, null))
                .isInstanceOf(HubFileNotFoundException.class)
                .hasMessageContaining("unet/nope.json").hasMessageContaining(REPO);
        assertThat(new HubClient(hub.baseUrl(), null, 0).exists(REPO, "main", "unet/nope.json")).isFalse();
        assertThat(new HubClient(hub.baseUrl(), null, 0).exists(REPO, "main", FILE)).isTrue();
    }

    @Test
    void followsRedirectToCdnOnAnotherPortWithoutLeakingTheToken() throws Exception {
        try (FakeHub cdn = new FakeHub()) {
            hub.cdn = cdn;
            hub.dropsLeft.set(0);
            cdn.dropsLeft.set(1); // and the CDN drops once: the resume goes through the redirect again
            Path dest = tmp.resolve("w.safetensors");
            HubClient.Download d = new HubClient(hub.baseUrl(), "secret-token", 1)
                    .download(REPO, "main", FILE, dest, null, null);
            assertThat(Files.readAllBytes(dest)).isEqualTo(content);
            assertThat(d.verified()).isTrue();
            assertThat(hub.seen()).allSatisfy(s -> assertThat(s.authorization()).isEqualTo("Bearer secret-token"));
            assertThat(cdn.seen()).hasSize(2).allSatisfy(s -> {
                assertThat(s.path()).startsWith("/cdn/");
                assertThat(s.authorization()).isNull();
            });
            assertThat(cdn.seen().get(1).range()).isNotNull();
        }
    }

    @Test
    void redirectedChecksumMismatchIsRejected() throws Exception {
        try (FakeHub cdn = new FakeHub()) {
            hub.cdn = cdn;
            hub.announceSha = "cd".repeat(32);
            Path dest = tmp.resolve("w.safetensors");
            assertThatThrownBy(() -> new HubClient(hub.baseUrl(), null, 0).download(REPO, "main", FILE, dest, null, null))
                    .hasMessageContaining("checksum");
            assertThat(dest).doesNotExist();
        }
    }

    @Test
    void noNetworkIsOneClearMessageAndKeepsPartialFiles() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Path dest = tmp.resolve("w.safetensors");
        Files.write(tmp.resolve("w.safetensors.part"), new byte[] {1, 2, 3});
        HubClient client = new HubClient(URI.create("http://127.0.0.1:" + closedPort), null, 3);
        assertThatThrownBy(() -> client.download(REPO, "main", FILE, dest, null, null))
                .isInstanceOf(UserFacingException.class)
                .hasMessageStartingWith("Could not reach 127.0.0.1:" + closedPort + ": ")
                .hasMessageContaining("refused");
        assertThat(Files.size(tmp.resolve("w.safetensors.part"))).isEqualTo(3);
    }

    @Test
    void cancelKeepsThePartFile() throws Exception {
        byte[] big = new byte[8 << 20];
        hub.put(REPO, "big.bin", big);
        CancelToken cancel = new CancelToken();
        Path dest = tmp.resolve("big.bin");
        assertThatThrownBy(() -> new HubClient(hub.baseUrl(), null, 0).download(REPO, "main", "big.bin", dest,
                p -> {
                    if (p.bytesDone() > 0) {
                        cancel.cancel();
                    }
                }, cancel)).isInstanceOf(CancellationException.class);
        assertThat(dest).doesNotExist();
        assertThat(tmp.resolve("big.bin.part")).exists();
    }

    @Test
    void rejectsBadRepoIds() {
        HubClient client = new HubClient(hub.baseUrl(), null, 0);
        assertThatThrownBy(() -> client.fileUrl("../etc", "main", "x")).hasMessageContaining("not a Hugging Face repository id");
        assertThatThrownBy(() -> client.fileUrl("a/b/c", "main", "x")).hasMessageContaining("not a Hugging Face repository id");
        assertThat(client.fileUrl("google/ddpm-cifar10-32", "refs/pr/1", "unet/config.json").toString())
                .endsWith("/google/ddpm-cifar10-32/resolve/refs%2Fpr%2F1/unet/config.json");
    }

    @Test
    void etagParsing() {
        assertThat(HubClient.stripEtag("W/\"abc\"")).isEqualTo("abc");
        assertThat(HubClient.stripEtag("\"abc\"")).isEqualTo("abc");
        assertThat(HubClient.announcedSha256(java.net.http.HttpHeaders.of(
                java.util.Map.of("ETag", List.of("\"" + "0123456789abcdef".repeat(2) + "\"")), (a, b) -> true))).isEmpty();
        assertThat(HubClient.announcedSha256(java.net.http.HttpHeaders.of(
                java.util.Map.of("etag", List.of("W/\"" + "AB".repeat(32) + "\"")), (a, b) -> true)))
                .contains("ab".repeat(32));
    }
}
