package org.repaintstudio.core.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.convert.Golden;
import org.repaintstudio.core.convert.OnnxModelInfo;
import org.repaintstudio.core.task.CancelToken;
import org.repaintstudio.core.task.ProgressListener;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelFolderTest {

    @TempDir
    Path tmp;

    @Test
    void diffusersFolderWithSafetensorsNeedsConversionThenHasOnnx() throws Exception {
        Path dir = Golden.copyUnet("celebahq_small", tmp.resolve("celeb"));
        Files.writeString(dir.resolve("README.md"), "---\nlicense: apache-2.0\ntags:\n- diffusers\n---\n# Model\n");
        Files.writeString(dir.resolve("scheduler_config.json"), "{\"num_train_timesteps\": 1000, \"beta_schedule\": \"linear\"}");
        ModelFolder m = ModelFolder.open(dir);
        assertThat(m.layout()).isEqualTo(ModelFolder.Layout.DIFFUSERS_FOLDER);
        assertThat(m.displayName()).isEqualTo("celeb");
        assertThat(m.unetConfig()).isPresent();
        assertThat(m.unetConfig().get().blockOutChannels()).containsExactly(16, 16, 32, 32, 64, 64);
        assertThat(m.resolution()).hasValue(64);
        assertThat(m.parameterCount()).hasValue(1_788_803L);
        assertThat(m.license()).contains("apache-2.0");
        assertThat(m.hasSchedulerConfig()).isTrue();
        assertThat(m.schedulerConfig().path("num_train_timesteps").asInt()).isEqualTo(1000);
        assertThat(m.needsConversion()).isTrue();
        assertThatThrownBy(m::onnxOrExplain).isInstanceOf(UserFacingException.class).hasMessageContaining("converted");

        Path onnx = m.ensureOnnx(ProgressListener.NONE, CancelToken.none());
        assertThat(onnx).isEqualTo(dir.resolve("model.onnx")).exists();
        assertThat(m.needsConversion()).isFalse();
        assertThat(m.sizeOnDisk()).isGreaterThan(14_000_000L);
        OnnxModelInfo info = OnnxModelInfo.read(onnx);
        assertThat(info.parameterCount()).isEqualTo(1_788_803L);
        assertThat(info.input("sample").orElseThrow().dims()).containsExactly(-1, 3, 64, 64);
        assertThat(info.metadata()).containsKey("repaint.weights_sha256");
    }

    @Test
    void pipelineLayoutWithSchedulerFolder() throws Exception {
        Path root = tmp.resolve("pipe");
        Golden.copyUnet("tiny", root.resolve("unet"));
        Files.createDirectories(root.resolve("scheduler"));
        Files.writeString(root.resolve("scheduler/scheduler_config.json"), "{\"num_train_timesteps\": 100}");
        ModelFolder m = ModelFolder.open(root);
        assertThat(m.layout()).isEqualTo(ModelFolder.Layout.DIFFUSERS_PIPELINE);
        assertThat(m.displayName()).isEqualTo("pipe");
        assertThat(m.onnxPath()).isEqualTo(root.resolve("unet/model.onnx"));
        assertThat(m.schedulerConfig().path("num_train_timesteps").asInt()).isEqualTo(100);
        assertThat(m.resolution()).hasValue(32);
        // Pointing at the unet/ folder itself finds the same scheduler and names the pipeline.
        ModelFolder inner = ModelFolder.open(root.resolve("unet"));
        assertThat(inner.displayName()).isEqualTo("pipe");
        assertThat(inner.schedulerConfig().path("num_train_timesteps").asInt()).isEqualTo(100);
    }

    @Test
    void bareOnnxFileUsesDefaultScheduler() throws Exception {
        Path onnx = tmp.resolve("tiny.onnx");
        Files.copy(Golden.unet("tiny").resolve("model.onnx"), onnx);
        ModelFolder m = ModelFolder.open(onnx);
        assertThat(m.layout()).isEqualTo(ModelFolder.Layout.ONNX_FILE);
        assertThat(m.displayName()).isEqualTo("tiny");
        assertThat(m.unetConfig()).isEmpty();
        assertThat(m.hasSchedulerConfig()).isFalse();
        assertThat(m.schedulerConfig().path("num_train_timesteps").asInt()).isEqualTo(1000);
        assertThat(m.schedulerConfig().path("beta_start").asDouble()).isEqualTo(1e-4);
        assertThat(m.schedulerConfig().path("beta_end").asDouble()).isEqualTo(0.02);
        assertThat(m.needsConversion()).isFalse();
        assertThat(m.onnxOrExplain()).isEqualTo(onnx);
        assertThat(m.resolution()).hasValue(32);
        assertThat(m.parameterCount()).hasValue(1_002_883L);
        assertThat(m.license()).isEmpty();
    }

    @Test
    void existingForeignOnnxNextToSafetensorsIsUsedAsIs() throws Exception {
        Path dir = Golden.copyUnet("tiny", tmp.resolve("t"));
        Files.copy(Golden.unet("tiny").resolve("model.onnx"), dir.resolve("model.onnx"));
        ModelFolder m = ModelFolder.open(dir);
        assertThat(m.needsConversion()).isFalse();
        assertThat(Files.mismatch(m.onnxOrExplain(), Golden.unet("tiny").resolve("model.onnx"))).isEqualTo(-1);
    }

    @Test
    void clearErrorsForNonModels() throws Exception {
        assertThatThrownBy(() -> ModelFolder.open(tmp.resolve("missing"))).hasMessageContaining("does not exist");
        Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> ModelFolder.open(tmp.resolve("empty"))).hasMessageContaining("not a model folder");
        Path bin = tmp.resolve("bin");
        Files.createDirectories(bin);
        Files.writeString(bin.resolve("config.json"), "{}");
        Files.write(bin.resolve("diffusion_pytorch_model.bin"), new byte[10]);
        assertThatThrownBy(() -> ModelFolder.open(bin)).hasMessageContaining(".bin");
        Files.writeString(tmp.resolve("x.txt"), "hi");
        assertThatThrownBy(() -> ModelFolder.open(tmp.resolve("x.txt"))).hasMessageContaining("neither");
    }

    @Test
    void licenseFrontMatter() throws Exception {
        Path r = tmp.resolve("README.md");
        Files.writeString(r, "---\ntags:\n- x\nlicense: \"mit\"\n---\nlicense: other\n");
        assertThat(ModelFolder.licenseFromModelCard(r)).contains("mit");
        Files.writeString(r, "# no front matter\nlicense: mit\n");
        assertThat(ModelFolder.licenseFromModelCard(r)).isEmpty();
    }
}
