package org.repaintstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.repaintstudio.core.Golden;
import org.repaintstudio.core.TestImages;
import org.repaintstudio.core.image.ImageFiles;
import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.image.MaskFiles;

/** inpaint's refinement options: on by default, --no-refine, --refine-strength and --blend-width. */
class InpaintRefineCliTest {
    @TempDir
    Path dir;

    final String model = Golden.root().resolve("unet/tiny").toString();

    /**
     * A 240×180 gradient (or the in.png a test wrote first) with a 50×40 hole: the tiny model's 32-px
     * square is shrunk, so refinement applies.
     */
    private String[] args(String out, String... extra) throws IOException {
        Path img = dir.resolve("in.png");
        Path mask = dir.resolve("mask.png");
        if (!java.nio.file.Files.exists(img)) {
            TestImages.writePng(TestImages.gradient(240, 180), img);
        }
        if (!java.nio.file.Files.exists(mask)) {
            Mask m = new Mask(240, 180);
            for (int y = 70; y < 110; y++) {
                for (int x = 95; x < 145; x++) {
                    m.set(x, y, true);
                }
            }
            MaskFiles.write(m, mask, false);
        }
        String[] base = {"inpaint", "--image", img.toString(), "--mask", mask.toString(), "--model", model,
                "--steps", "6", "--jump-length", "2", "--jump-n-sample", "1", "--threads", "1", "--seed", "3",
                "--force", "--out", dir.resolve(out).toString()};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    @Test
    void refinementIsOnByDefaultShowsItsLevelsAndIsRecorded() throws IOException {
        CliRun on = CliRun.of(args("on.png"));
        assertThat(on.exitCode()).as(on.err()).isZero();
        assertThat(on.err()).contains("refinement level(s)").contains("level 3/3");
        CliRun off = CliRun.of(args("off.png", "--no-refine"));
        assertThat(off.exitCode()).as(off.err()).isZero();
        assertThat(off.err()).doesNotContain("refinement level").doesNotContain("level 2/");
        BufferedImage a = ImageFiles.read(dir.resolve("on.png"));
        BufferedImage b = ImageFiles.read(dir.resolve("off.png"));
        assertThat(a.getRGB(120, 90)).isNotEqualTo(b.getRGB(120, 90));
        assertThat(a.getRGB(5, 5)).isEqualTo(b.getRGB(5, 5));
        assertThat(new String(java.nio.file.Files.readAllBytes(dir.resolve("on.png")), java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("repaint.refine").contains("levels=2,strength=0.3").contains("grain=copied");
    }

    @Test
    void noCopyGrainKeepsTheModelsGrainInsideTheHoleAndIsRecorded() throws IOException {
        BufferedImage stripes = TestImages.gradient(240, 180);
        for (int y = 0; y < 180; y++) {
            for (int x = 0; x < 240; x++) {
                stripes.setRGB(x, y, (x / 2) % 2 == 0 ? stripes.getRGB(x, y) : 0x202020);
            }
        }
        TestImages.writePng(stripes, dir.resolve("in.png")); // args() keeps an existing in.png
        CliRun copied = CliRun.of(args("copied.png"));
        CliRun own = CliRun.of(args("own.png", "--no-copy-grain"));
        assertThat(copied.exitCode()).as(copied.err()).isZero();
        assertThat(own.exitCode()).as(own.err()).isZero();
        BufferedImage a = ImageFiles.read(dir.resolve("copied.png"));
        BufferedImage b = ImageFiles.read(dir.resolve("own.png"));
        int differing = 0;
        for (int y = 0; y < 180; y++) {
            for (int x = 0; x < 240; x++) {
                boolean inHole = x >= 95 && x < 145 && y >= 70 && y < 110;
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    assertThat(inHole).as("pixel %d,%d outside the hole changed", x, y).isTrue();
                    differing++;
                }
            }
        }
        assertThat(differing).isPositive();
        assertThat(new String(java.nio.file.Files.readAllBytes(dir.resolve("own.png")), java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("grain=model");
    }

    @Test
    void badRefinementValuesAreOneSentence() throws IOException {
        for (String[] bad : new String[][] {{"--refine-strength", "0"}, {"--refine-strength", "1.5"},
                {"--blend-width", "-1"}, {"--blend-width", "65"}}) {
            CliRun run = CliRun.of(args("bad.png", bad));
            assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
            assertThat(run.err().strip().lines().filter(l -> l.startsWith("Error:")).count()).isEqualTo(1);
            assertThat(run.err()).contains(bad[0] + " must lie").doesNotContain("\tat ");
            assertThat(dir.resolve("bad.png")).doesNotExist();
        }
    }
}
