package org.repaintstudio.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repaintstudio.core.convert.Golden;
import org.repaintstudio.core.hub.FakeHub;
import org.repaintstudio.core.model.ModelRegistry;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ModelsCommandTest {

    @TempDir
    Path tmp;

    @BeforeEach
    void isolateFolders() throws Exception {
        System.setProperty(ModelRegistry.DATA_DIR_PROPERTY, tmp.resolve("data").toString());
        System.setProperty(ModelRegistry.BUNDLED_DIR_PROPERTY, tmp.resolve("bundled").toString());
        Files.createDirectories(tmp.resolve("bundled"));
    }

    @AfterEach
    void restore() {
        System.clearProperty(ModelRegistry.DATA_DIR_PROPERTY);
        System.clearProperty(ModelRegistry.BUNDLED_DIR_PROPERTY);
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] args : new String[][] {{"models", "--help"}, {"models", "pull", "--help"},
                {"models", "import", "--help"}, {"models", "catalog", "--help"}}) {
            CliRun r = CliRun.of(args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(r.out()).contains("Usage:");
        }
    }

    @Test
    void catalogListsCuratedRepos() {
        CliRun r = CliRun.of("models", "catalog");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("google/ddpm-ema-celebahq-256").contains("anton-l/ddpm-ema-flowers-64")
                .contains("apache-2.0");
    }

    @Test
    void importThenList() throws Exception {
        CliRun empty = CliRun.of("models");
        assertThat(empty.exitCode()).isZero();
        assertThat(empty.out()).contains("No models found");

        Path dir = Golden.copyUnet("celebahq_small", tmp.resolve("celeb-small"));
        CliRun imp = CliRun.of("models", "import", dir.toString());
        assertThat(imp.exitCode()).as(imp.err()).isZero();
        assertThat(imp.out()).contains("Imported celeb-small").contains("converted");

        CliRun list = CliRun.of("models");
        assertThat(list.out()).contains("NAME").contains("celeb-small").contains("imported").contains("64")
                .contains("1.8 M").contains("unknown");

        CliRun bad = CliRun.of("models", "import", tmp.resolve("nothing").toString());
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).startsWith("Error: ");
    }

    @Test
    void pullFromALocalHubWithProgress() throws Exception {
        try (FakeHub hub = new FakeHub()) {
            hub.put("acme/tiny-ddpm", "config.json", Files.readAllBytes(Golden.unet("tiny").resolve("config.json")));
            hub.put("acme/tiny-ddpm", "diffusion_pytorch_model.safetensors",
                    Files.readAllBytes(Golden.unet("tiny").resolve("diffusion_pytorch_model.safetensors")));
            CliRun r = CliRun.of("models", "pull", "acme/tiny-ddpm", "--base-url", hub.baseUrl().toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).contains("Pulled acme/tiny-ddpm");
            assertThat(r.err()).contains("diffusion_pytorch_model.safetensors").contains("100%");
            assertThat(tmp.resolve("data/models/acme--tiny-ddpm/model.onnx")).exists();

            CliRun list = CliRun.of("models");
            assertThat(list.out()).contains("acme/tiny-ddpm").contains("user");

            CliRun missing = CliRun.of("models", "pull", "acme/none", "--base-url", hub.baseUrl().toString());
            assertThat(missing.exitCode()).isNotZero();
            assertThat(missing.err()).startsWith("Error: ").contains("acme/none").doesNotContain("\tat ");
        }
    }

    @Test
    void pullWithoutNetworkIsOneClearLine() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CliRun r = CliRun.of("models", "pull", "google/ddpm-ema-celebahq-256", "--base-url", "http://127.0.0.1:" + port);
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err().strip()).startsWith("Error: Could not reach 127.0.0.1:" + port + ": ");
        assertThat(r.err().strip().lines()).hasSize(1);

        CliRun bad = CliRun.of("models", "pull", "not a repo");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).contains("not a Hugging Face repository id");
    }

    @Test
    void anUnfinishedDownloadIsListedWithoutAWarning() throws Exception {
        Path models = ModelRegistry.userModelsDir(tmp.resolve("data"));
        Path partial = java.nio.file.Files.createDirectories(models.resolve("someone--big/unet"));
        java.nio.file.Files.write(partial.resolve("diffusion_pytorch_model.safetensors.part"), new byte[1000]);
        CliRun r = CliRun.of("models");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).doesNotContain("Skipped");
        assertThat(r.out()).contains("Unfinished download (resumable): ");
    }
}
