package org.repaintstudio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    @TempDir
    Path tmp;

    @Test
    void noArgumentsOrGuiOpenTheDesktopApp() {
        assertThat(Main.desktopAppArgs(new String[0])).hasValueSatisfying(a -> assertThat(a).isEmpty());
        assertThat(Main.desktopAppArgs(new String[] {"gui"})).hasValueSatisfying(a -> assertThat(a).isEmpty());
        assertThat(Main.desktopAppArgs(new String[] {"gui", "x.png"}))
                .hasValueSatisfying(a -> assertThat(a).containsExactly("x.png"));
    }

    @Test
    void anExistingImageFileAsFirstArgumentOpensTheDesktopAppWithAllArguments() throws Exception {
        for (String ext : new String[] {"png", "jpg", "jpeg", "bmp", "gif", "webp", "tif", "tiff", "PNG", "JPeg"}) {
            Path image = Files.createFile(tmp.resolve("photo." + ext));
            String[] args = {image.toString(), tmp.resolve("second.png").toString()};
            assertThat(Main.desktopAppArgs(args)).as(ext).hasValueSatisfying(a -> assertThat(a).containsExactly(args));
        }
        Path spaced = Files.createFile(tmp.resolve("my holiday.webp"));
        assertThat(Main.desktopAppArgs(new String[] {spaced.toString()})).isPresent();
    }

    @Test
    void everythingElseIsACommand() throws Exception {
        Path text = Files.createFile(tmp.resolve("notes.txt"));
        Path folder = Files.createDirectory(tmp.resolve("folder.png"));
        Path noExtension = Files.createFile(tmp.resolve("models"));
        for (String first : new String[] {"--help", "-h", "--version", "models", "inpaint", "schedule", "bench",
                "conformance", "convert", "generate", "help", text.toString(), folder.toString(),
                noExtension.toString(), tmp.resolve("missing.png").toString(), "png", ".png", "\0.png"}) {
            assertThat(Main.desktopAppArgs(new String[] {first, "--image", "x.png"})).as(first).isEmpty();
        }
    }
}
