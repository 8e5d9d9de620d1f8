package org.repaintstudio.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.convert.Golden;
import org.repaintstudio.core.model.ModelRegistry;
import org.repaintstudio.core.task.CancelToken;

/** A failed first pull leaves no half-made model folder: only the resumable partial, which models ignores. */
@Timeout(120)
class FailedPullCleanupTest {
    @TempDir
    Path tmp;
    private FakeHub hub;

    @BeforeEach
    void start() throws Exception {
        hub = new FakeHub();
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void aRepositoryWithoutWeightsLeavesNoFolder() throws Exception {
        String repo = "someone/no-weights";
        hub.put(repo, "config.json", Files.readAllBytes(Golden.unet("tiny").resolve("config.json")));
        Path models = Files.createDirectories(tmp.resolve("models"));
        assertThatThrownBy(() -> new HubModelPuller(new HubClient(hub.baseUrl(), null, 0))
                .pull(repo, "main", models, null, null, null)).isInstanceOf(UserFacingException.class);
        assertThat(models.resolve("someone--no-weights")).doesNotExist();
        assertThat(new ModelRegistry(null, models, tmp.resolve("data")).list().problems()).isEmpty();
    }

    @Test
    void anInterruptedWeightsDownloadKeepsOnlyThePartialAndIsNotAProblem() throws Exception {
        String repo = "someone/slow";
        hub.put(repo, "config.json", Files.readAllBytes(Golden.unet("tiny").resolve("config.json")));
        hub.put(repo, "diffusion_pytorch_model.safetensors",
                Files.readAllBytes(Golden.unet("tiny").resolve("diffusion_pytorch_model.safetensors")));
        hub.bytesPerSecond = 400_000;
        Path models = Files.createDirectories(tmp.resolve("models"));
        CancelToken cancel = new CancelToken();
        DownloadListener stopMidWeights = p -> {
            if (p.file().endsWith(".safetensors") && p.bytesDone() > 100_000) {
                cancel.cancel();
            }
        };
        assertThatThrownBy(() -> new HubModelPuller(new HubClient(hub.baseUrl(), null, 0))
                .pull(repo, "main", models, stopMidWeights, null, cancel)).isInstanceOf(CancellationException.class);
        Path folder = models.resolve("someone--slow");
        try (Stream<Path> left = Files.walk(folder)) {
            assertThat(left.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString()))
                    .containsExactly("diffusion_pytorch_model.safetensors.part");
        }
        ModelRegistry.Listing listing = new ModelRegistry(null, models, tmp.resolve("data")).list();
        assertThat(listing.problems()).singleElement()
                .matches(ModelRegistry.Problem::isUnfinishedDownload, "is an unfinished download, not a warning");
        assertThat(listing.models()).isEmpty();

        // Pulling again resumes the partial and finishes the model.
        hub.bytesPerSecond = 0;
        new HubModelPuller(new HubClient(hub.baseUrl(), null, 0)).pull(repo, "main", models, null, null, null);
        assertThat(folder.resolve("model.onnx")).exists();
        assertThat(hub.seen()).anyMatch(s -> s.range() != null);
    }
}
