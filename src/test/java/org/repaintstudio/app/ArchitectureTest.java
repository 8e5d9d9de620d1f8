package org.repaintstudio.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The engine stays free of JavaFX; view-models hold no nodes. */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/org/repaintstudio");

    private static List<Path> sources(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    @Test
    void noCoreSourceImportsJavaFx() throws IOException {
        List<Path> core = sources(MAIN.resolve("core"));
        assertThat(core).isNotEmpty();
        for (Path p : core) {
            assertThat(Files.readString(p)).as(p.toString()).doesNotContainPattern("(?m)^import\\s+(static\\s+)?javafx\\.");
        }
    }

    @Test
    void viewModelsHoldNoNodes() throws IOException {
        for (Path p : sources(MAIN.resolve("app"))) {
            if (p.getFileName().toString().endsWith("ViewModel.java")) {
                String src = Files.readString(p);
                assertThat(src).as(p.toString()).doesNotContain("import javafx.scene.");
            }
        }
    }
}
