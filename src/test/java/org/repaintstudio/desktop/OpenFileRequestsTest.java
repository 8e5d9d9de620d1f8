package org.repaintstudio.desktop;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OpenFileRequestsTest {

    @Test
    void requestsBeforeTheAppIsReadyAreKeptAndDeliveredOnce() {
        OpenFileRequests requests = new OpenFileRequests();
        requests.offer(List.of(Path.of("/pics/a.png")));
        requests.offer(List.of(Path.of("/pics/b.jpg"), Path.of("/pics/c.webp")));
        requests.offer(List.of());
        assertThat(requests.pending()).hasSize(3);

        List<List<Path>> opened = new ArrayList<>();
        requests.setHandler(opened::add);
        assertThat(opened).containsExactly(List.of(Path.of("/pics/a.png"), Path.of("/pics/b.jpg"), Path.of("/pics/c.webp")));
        assertThat(requests.pending()).isEmpty();

        requests.offer(List.of(Path.of("/pics/d.bmp")));
        assertThat(opened).hasSize(2).last().isEqualTo(List.of(Path.of("/pics/d.bmp")));

        requests.setHandler(null);
        requests.offer(List.of(Path.of("/pics/e.png")));
        assertThat(opened).hasSize(2);
        assertThat(requests.pending()).containsExactly(Path.of("/pics/e.png"));
    }

    @Test
    void filesFromTheDesktopEventBecomePaths() {
        assertThat(OpenFileRequests.toPaths(List.of(new File("/pics/a.png")))).containsExactly(Path.of("/pics/a.png"));
    }

    @Test
    void headlessTestsDoNotInstallTheDesktopHandler() {
        // The build runs with java.awt.headless=true; there the call is a harmless no-op.
        assertThat(OpenFileRequests.installDesktopHandler()).isFalse();
    }
}
