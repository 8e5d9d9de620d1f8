package org.repaintstudio.core.hub;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.convert.Golden;
import org.repaintstudio.core.model.ModelFolder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(120)
class HubModelPullerTest {
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
    void pullsPipelineLayoutAndConverts() throws Exception {
        String repo = "someone/ddpm-tiny";
        hub.put(repo, "unet/config.json", Files.readAllBytes(Golden.unet("tiny").resolve("config.json")));
        hub.put(repo, "unet/diffusion_pytorch_model.safetensors",
                Files.readAllBytes(Golden.unet("tiny").resolve("diffusion_pytorch_model.safetensors")));
        hub.put(repo, "scheduler/scheduler_config.json", "{\"num_train_timesteps\": 1000}".getBytes(StandardCharsets.UTF_8));
        hub.put(repo, "README.md", "---\nlicense: mit\n---\n".getBytes(StandardCharsets.UTF_8));
        ModelFolder m = new HubModelPuller(new HubClient(hub.baseUrl(), null, 1))
                .pull(repo, "main", tmp, null, null, null);
        assertThat(m.location()).isEqualTo(tmp.resolve("someone--ddpm-tiny"));
        assertThat(m.displayName()).isEqualTo(repo);
        assertThat(m.license()).contains("mit");
        assertThat(m.onnxPath()).isEqualTo(tmp.resolve("someone--ddpm-tiny/unet/model.onnx")).exists();
        assertThat(m.hasSchedulerConfig()).isTrue();
        assertThat(m.needsConversion()).isFalse();

        // A second pull of the same revision does not fetch the weights again.
        int before = hub.seen().size();
        new HubModelPuller(new HubClient(hub.baseUrl(), null, 1)).pull(repo, "main", tmp, null, null, null);
        assertThat(hub.seen().subList(before, hub.seen().size()))
                .noneMatch(s -> s.path().endsWith(".safetensors"));
    }

    @Test
    void pullsRootLayoutWithoutScheduler() throws Exception {
        String repo = "someone/unet-only";
        hub.put(repo, "config.json", Files.readAllBytes(Golden.unet("tiny").resolve("config.json")));
        hub.put(repo, "diffusion_pytorch_model.safetensors",
                Files.readAllBytes(Golden.unet("tiny").resolve("diffusion_pytorch_model.safetensors")));
        ModelFolder m = new HubModelPuller(new HubClient(hub.baseUrl(), null, 1)).pull(repo, null, tmp, null, null, null);
        assertThat(m.layout()).isEqualTo(ModelFolder.Layout.DIFFUSERS_FOLDER);
        assertThat(m.hasSchedulerConfig()).isFalse();
        assertThat(tmp.resolve("someone--unet-only/model.onnx")).exists();
    }

    @Test
    void binOnlyRepositoryIsRefusedClearly() throws Exception {
        String repo = "someone/old-bin";
        hub.put(repo, "config.json", Files.readAllBytes(Golden.unet("tiny").resolve("config.json")));
        hub.put(repo, "diffusion_pytorch_model.bin", new byte[100]);
        assertThatThrownBy(() -> new HubModelPuller(new HubClient(hub.baseUrl(), null, 1)).pull(repo, "main", tmp, null, null, null))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining(".bin").hasMessageContaining("not supported").hasMessageContaining("--revision");
    }

    @Test
    void missingRepositoryContentIsNamed() {
        assertThatThrownBy(() -> new HubModelPuller(new HubClient(hub.baseUrl(), null, 1)).pull("nobody/nothing", "main", tmp, null, null, null))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("nobody/nothing")
                .hasMessageContaining("config.json");
    }

    @Test
    void unsupportedModelIsRejectedBeforeTheWeightsDownload() {
        String repo = "someone/conditional";
        hub.put(repo, "config.json", "{\"_class_name\": \"UNet2DConditionModel\"}".getBytes(StandardCharsets.UTF_8));
        hub.put(repo, "diffusion_pytorch_model.safetensors", new byte[1000]);
        assertThatThrownBy(() -> new HubModelPuller(new HubClient(hub.baseUrl(), null, 1)).pull(repo, "main", tmp, null, null, null))
                .hasMessageContaining("UNet2DConditionModel");
        assertThat(hub.seen()).noneMatch(s -> s.path().endsWith(".safetensors"));
    }
}
