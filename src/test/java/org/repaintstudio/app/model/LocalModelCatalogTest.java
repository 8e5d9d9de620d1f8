package org.repaintstudio.app.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.repaintstudio.core.Golden;
import org.repaintstudio.core.UserFacingException;

class LocalModelCatalogTest {
    @TempDir
    Path dir;

    @Test
    void listsBundledFoldersAndAddedModelsWithResolutionAndSize() throws Exception {
        Path bundled = Files.createDirectories(dir.resolve("models"));
        Path copy = Files.createDirectories(bundled.resolve("tiny-copy"));
        Files.copy(Golden.tinyModel(), copy.resolve("model.onnx"));
        Files.copy(Golden.tinyModel().resolveSibling("config.json"), copy.resolve("config.json"));
        Files.createDirectories(bundled.resolve("not-a-model"));
        List<String> added = new ArrayList<>();
        int[] saves = {0};
        LocalModelCatalog catalog = new LocalModelCatalog(() -> List.of(bundled), added, () -> saves[0]++);

        assertThat(catalog.list()).singleElement().satisfies(m -> {
            assertThat(m.name()).isEqualTo("tiny-copy");
            assertThat(m.resolution()).isEqualTo(32);
            assertThat(m.sizeBytes()).isEqualTo(Files.size(Golden.tinyModel()));
            assertThat(m.label()).isEqualTo("tiny-copy · 32 px · 4.1 MB");
        });

        ModelChoice onnx = catalog.add(Golden.tinyModel());
        assertThat(onnx.name()).isEqualTo("model");
        assertThat(added).hasSize(1);
        assertThat(saves[0]).isEqualTo(1);
        assertThat(catalog.list()).hasSize(2);

        assertThatThrownBy(() -> catalog.add(bundled.resolve("not-a-model")))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("is not a model");
    }
}
