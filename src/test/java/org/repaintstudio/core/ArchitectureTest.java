package org.repaintstudio.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The engine never depends on JavaFX or on the front ends. */
class ArchitectureTest {

    @Test
    void coreImportsNeitherJavaFxNorTheFrontEnds() throws IOException {
        Path core = Path.of("src/main/java/org/repaintstudio/core");
        assertThat(core).isDirectory();
        List<String> offenders;
        try (Stream<Path> files = Files.walk(core)) {
            offenders = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    String src = Files.readString(p);
                    return src.contains("javafx.") || src.contains("org.repaintstudio.app")
                            || src.contains("org.repaintstudio.cli");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).map(Path::toString).toList();
        }
        assertThat(offenders).isEmpty();
    }
}
