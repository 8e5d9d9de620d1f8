package org.repaintstudio.core.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repaintstudio.core.convert.Golden;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ModelRegistryTest {

    @TempDir
    Path tmp;

    @Test
    void listsBundledUserAndImportedModelsAndReportsBrokenOnes() throws Exception {
        Path bundled = tmp.resolve("app/models");
        Golden.copyUnet("tiny", bundled.resolve("tiny"));
        Path user = tmp.resolve("data/models");
        Files.createDirectories(user);
        Files.copy(Golden.unet("celebahq_small").resolve("model.onnx"), user.resolve("celeb.onnx"));
        Files.createDirectories(user.resolve("broken"));
        Path elsewhere = Golden.copyUnet("celebahq_small", tmp.resolve("elsewhere/celeb-small"));

        ModelRegistry reg = new ModelRegistry(bundled, user, tmp.resolve("data"));
        reg.importModel(elsewhere);
        reg.importModel(elsewhere); // importing twice keeps one entry
        assertThat(reg.importedPaths()).containsExactly(elsewhere.toAbsolutePath().normalize());

        ModelRegistry.Listing l = new ModelRegistry(bundled, user, tmp.resolve("data")).list();
        assertThat(l.models()).extracting(ModelRegistry.Entry::name).containsExactly("tiny", "celeb", "celeb-small");
        assertThat(l.models()).extracting(ModelRegistry.Entry::source).containsExactly(
                ModelRegistry.Source.BUNDLED, ModelRegistry.Source.USER, ModelRegistry.Source.IMPORTED);
        ModelRegistry.Entry tiny = l.models().get(0);
        assertThat(tiny.resolution()).hasValue(32);
        assertThat(tiny.parameterCount()).hasValue(1_002_883L);
        assertThat(tiny.sizeOnDisk()).isGreaterThan(4_000_000L);
        assertThat(tiny.license()).isEqualTo("unknown");
        assertThat(l.models().get(1).resolution()).hasValue(64);
        assertThat(l.problems()).hasSize(1);
        assertThat(l.problems().get(0).message()).contains("not a model folder");

        assertThat(reg.find("celeb-small")).isPresent();
        assertThat(reg.forgetImport(elsewhere)).isTrue();
        assertThat(reg.list().models()).hasSize(2);
    }

    @Test
    void platformDataFolders() {
        Path home = Paths.get("/home/ann");
        assertThat(ModelRegistry.userDataDir(null, Map.of(), "Linux", home))
                .isEqualTo(Paths.get("/home/ann/.local/share/repaint-studio"));
        assertThat(ModelRegistry.userDataDir(null, Map.of("XDG_DATA_HOME", "/xdg"), "Linux", home))
                .isEqualTo(Paths.get("/xdg/repaint-studio"));
        assertThat(ModelRegistry.userDataDir(null, Map.of(), "Mac OS X", home))
                .isEqualTo(Paths.get("/home/ann/Library/Application Support/RePaint Studio"));
        assertThat(ModelRegistry.userDataDir(null, Map.of("APPDATA", "/appdata"), "Windows 11", home))
                .isEqualTo(Paths.get("/appdata/RePaint Studio"));
        assertThat(ModelRegistry.userDataDir("/override", Map.of("XDG_DATA_HOME", "/xdg"), "Linux", home))
                .isEqualTo(Paths.get("/override"));
        assertThat(ModelRegistry.userDataDir(null, Map.of(ModelRegistry.DATA_DIR_ENV, "/env"), "Linux", home))
                .isEqualTo(Paths.get("/env"));
    }

    @Test
    void bundledFolderIsFoundFromTheCodeLocation() {
        assertThat(ModelRegistry.codeLocationDir()).isNotNull();
        assertThat(ModelRegistry.bundledModelsDir()).isAbsolute();
    }

    @Test
    void catalogueListsTheKnownRepositories() {
        assertThat(ModelCatalog.items()).extracting(ModelCatalog.Item::repoId).contains(
                "google/ddpm-ema-celebahq-256", "google/ddpm-ema-church-256", "google/ddpm-ema-bedroom-256",
                "google/ddpm-ema-cat-256", "google/ddpm-cifar10-32", "anton-l/ddpm-ema-flowers-64");
        assertThat(ModelCatalog.items()).allSatisfy(i -> {
            assertThat(i.resolution()).isPositive();
            assertThat(i.approxDownloadMb()).isPositive();
            assertThat(i.license()).isNotBlank();
        });
        assertThat(ModelCatalog.find("google/ddpm-cifar10-32").orElseThrow().resolution()).isEqualTo(32);
    }

    @Test
    void theDefaultModelIsListedFirstAndEachModelSaysItsDomain() throws Exception {
        Path bundled = tmp.resolve("app/models");
        Golden.copyUnet("tiny", bundled.resolve("a-emoji"));
        Golden.copyUnet("tiny", bundled.resolve(ModelRegistry.DEFAULT_MODEL));
        Golden.copyUnet("tiny", bundled.resolve("z-unknown"));
        Files.writeString(bundled.resolve("a-emoji/training_state.json"), "{\"model\": \"a\", \"domain\": \"emoji\"}");
        Files.writeString(bundled.resolve(ModelRegistry.DEFAULT_MODEL).resolve("README.md"),
                "---\nlicense: other\ndomain: natural photos\n---\n# card\ndomain: not front matter\n");

        ModelRegistry.Listing l = new ModelRegistry(bundled, tmp.resolve("none"), tmp.resolve("data")).list();

        assertThat(l.models()).extracting(ModelRegistry.Entry::name)
                .containsExactly(ModelRegistry.DEFAULT_MODEL, "a-emoji", "z-unknown");
        assertThat(l.models()).extracting(ModelRegistry.Entry::domain)
                .containsExactly("natural photos", "emoji", "unknown");
        assertThat(l.models().get(0).license()).isEqualTo("other");
    }

    @Test
    void theBundledModelsAreThePhotoDefaultAndTheEmojiModel() {
        assertThat(ModelRegistry.DEFAULT_MODEL).isEqualTo("photo-64");
        Path models = Paths.get("models");
        assertThat(ModelFolder.open(models.resolve("photo-64")).domain()).hasValue("natural photos");
        assertThat(ModelFolder.open(models.resolve("emoji-64")).domain()).hasValue("emoji");
    }
}
