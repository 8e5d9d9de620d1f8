package org.repaintstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.repaintstudio.core.Golden;
import org.repaintstudio.core.TestImages;

/** inpaint applies the same narrow-hole advice as the app: Fast on a thin mask starts part-way down. */
class InpaintAdvisorCliTest {
    @TempDir
    Path dir;

    final String model = Golden.root().resolve("unet/tiny").toString();

    private CliRun run(String out, String... extra) throws IOException {
        Path img = dir.resolve("in.png");
        if (!Files.exists(img)) {
            TestImages.writePng(TestImages.gradient(32, 32), img);
        }
        String[] base = {"inpaint", "--image", img.toString(), "--model", model, "--threads", "1", "--seed", "1",
                "--force", "--out", dir.resolve(out).toString()};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return CliRun.of(all);
    }

    private String metadata(String file) throws IOException {
        return new String(Files.readAllBytes(dir.resolve(file)), StandardCharsets.ISO_8859_1);
    }

    @Test
    void fastOnAThinMaskStartsPartWayDownAndSaysSo() throws IOException {
        CliRun fast = run("fast.png", "--preset", "fast", "--mask-preset", "thin");
        assertThat(fast.exitCode()).as(fast.err()).isZero();
        assertThat(fast.err()).contains("Narrow holes").contains("105 UNet calls instead of 95")
                .contains("Done in").contains("(105 UNet calls");
        assertThat(metadata("fast.png")).contains("partial-start");
    }

    @Test
    void otherPresetsHolesAndExplicitSamplersAreLeftAsChosen() throws IOException {
        CliRun wide = run("wide.png", "--preset", "fast", "--mask-preset", "half-left");
        assertThat(wide.exitCode()).as(wide.err()).isZero();
        assertThat(wide.err()).doesNotContain("Narrow holes");
        CliRun chosen = run("chosen.png", "--preset", "fast", "--mode", "diffusers", "--mask-preset", "thin");
        assertThat(chosen.exitCode()).as(chosen.err()).isZero();
        assertThat(chosen.err()).doesNotContain("Narrow holes").contains("(95 UNet calls");
        assertThat(metadata("chosen.png")).doesNotContain("partial-start");
    }
}
