package org.repaintstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.repaintstudio.core.Golden;
import org.repaintstudio.core.TestImages;
import org.repaintstudio.core.TestModels;
import org.repaintstudio.core.image.ImageFiles;
import org.repaintstudio.core.image.ImageWriters;
import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.image.MaskFiles;

/** The command line as a user runs it, with the tiny golden UNet. */
class CliEndToEndTest {
    @TempDir
    Path dir;

    Path image;
    Path mask;
    final String model = Golden.root().resolve("unet/tiny").toString();
    static final String[] QUICK = {"--steps", "10", "--jump-length", "2", "--jump-n-sample", "2"};

    @BeforeEach
    void files() throws IOException {
        image = TestImages.writePng(TestImages.gradient(640, 480), dir.resolve("photo.png"));
        Mask m = new Mask(640, 480);
        for (int y = 200; y < 230; y++) {
            for (int x = 300; x < 340; x++) {
                m.set(x, y, true);
            }
        }
        mask = dir.resolve("mask.png");
        MaskFiles.write(m, mask, false);
    }

    private CliRun inpaint(String... extra) {
        String[] base = {"inpaint", "--image", image.toString(), "--mask", mask.toString(), "--model", model};
        String[] args = new String[base.length + QUICK.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(QUICK, 0, args, base.length, QUICK.length);
        System.arraycopy(extra, 0, args, base.length + QUICK.length, extra.length);
        return CliRun.of(args);
    }

    @Test
    void inpaintWritesAnImageOfTheSameSizeThatKeepsPixelsAwayFromTheMask() {
        Path out = dir.resolve("out.png");
        CliRun run = inpaint("--out", out.toString(), "--seed", "7");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("UNet").contains("Done in");
        BufferedImage in = ImageFiles.read(image);
        BufferedImage result = ImageFiles.read(out);
        assertThat(result.getWidth()).isEqualTo(640);
        assertThat(result.getHeight()).isEqualTo(480);
        int differing = 0;
        for (int y = 0; y < 480; y++) {
            for (int x = 0; x < 640; x++) {
                boolean near = x >= 290 && x < 350 && y >= 190 && y < 240;
                if (!near) {
                    assertThat(result.getRGB(x, y)).isEqualTo(in.getRGB(x, y));
                } else if (result.getRGB(x, y) != in.getRGB(x, y)) {
                    differing++;
                }
            }
        }
        assertThat(differing).isGreaterThan(0);
        Map<String, String> meta = ImageWriters.readPngText(out);
        assertThat(meta).containsEntry("repaint.seed", "7").containsEntry("repaint.steps", "10")
                .containsEntry("repaint.mode", org.repaintstudio.core.inpaint.RePaintParameters.Preset.DEFAULT.mode().id()).containsEntry("repaint.eta", "1.0");
    }

    @Test
    void severalSamplesAndPreviews() throws IOException {
        Path out = dir.resolve("res.png");
        Path previews = dir.resolve("previews");
        CliRun run = inpaint("--out", out.toString(), "--samples", "2", "--previews", previews.toString(), "--every", "5");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(dir.resolve("res-1.png")).exists();
        assertThat(dir.resolve("res-2.png")).exists();
        assertThat(out).doesNotExist();
        try (var s = Files.list(previews)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList())
                    .contains("x0-step0005-s1.png", "x0-step0005-s2.png", "final-s1.png", "final-s2.png");
        }
    }

    @Test
    void refusesToOverwriteWithoutForce() throws IOException {
        Path out = dir.resolve("exists.png");
        Files.writeString(out, "mine");
        CliRun run = inpaint("--out", out.toString());
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("already exists").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(Files.readString(out)).isEqualTo("mine");
        CliRun forced = inpaint("--out", out.toString(), "--force");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(ImageFiles.read(out).getWidth()).isEqualTo(640);
    }

    @Test
    void paperModeRuns() {
        Path out = dir.resolve("paper.png");
        CliRun run = inpaint("--out", out.toString(), "--mode", "paper");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(ImageWriters.readPngText(out)).containsEntry("repaint.mode", "paper");
    }

    @Test
    void maskConventionIsExplicit() throws IOException {
        // The same mask saved in diffusers' convention (white = keep) gives the same result.
        Mask m = org.repaintstudio.core.image.MaskFiles.read(mask, org.repaintstudio.core.image.MaskConvention.WHITE_FILL);
        Mask inverted = m.copy();
        inverted.invert();
        Path keepMask = dir.resolve("keep.png");
        MaskFiles.write(inverted, keepMask, false);
        Path a = dir.resolve("a.png");
        Path b = dir.resolve("b.png");
        assertThat(inpaint("--out", a.toString()).exitCode()).isZero();
        CliRun run = CliRun.of("inpaint", "--image", image.toString(), "--mask", keepMask.toString(), "--model", model,
                "--steps", "10", "--jump-length", "2", "--jump-n-sample", "2", "--mask-convention", "white-keep",
                "--out", b.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(ImageFiles.readRgbPixels(a)).containsExactly(ImageFiles.readRgbPixels(b));
        // Read the other way round, the same file would repaint almost everything: the user is warned.
        CliRun wrong = CliRun.of("inpaint", "--image", image.toString(), "--mask", keepMask.toString(), "--model", model,
                "--steps", "3", "--jump-length", "1", "--jump-n-sample", "1", "--no-refine",
                "--out", dir.resolve("c.png").toString());
        assertThat(wrong.err()).contains("Warning: The mask would repaint").contains("inverted");
    }

    // ---- bad input: one sentence, non-zero exit, no stack trace, no output file ----

    private void assertCleanFailure(CliRun run, Path out, String expected) {
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains(expected);
        assertThat(run.err().strip().lines().filter(l -> l.startsWith("Error:")).count()).isEqualTo(1);
        assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(out).doesNotExist();
        try (var s = Files.list(out.getParent())) {
            assertThat(s.filter(p -> p.getFileName().toString().endsWith(".part"))).isEmpty();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void corruptImage() throws IOException {
        Files.write(image, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        Path out = dir.resolve("o.png");
        assertCleanFailure(inpaint("--out", out.toString()), out, "photo.png is");
    }

    @Test
    void maskOfTheWrongSize() throws IOException {
        MaskFiles.write(new Mask(100, 100), mask, true);
        Path out = dir.resolve("o.png");
        assertCleanFailure(inpaint("--out", out.toString()), out, "The mask is 100×100 pixels but the image is 640×480");
    }

    @Test
    void maskOfTheWrongSizeIsResizedOnRequest() {
        Mask small = new Mask(64, 48);
        small.set(30, 20, true);
        MaskFiles.write(small, mask, true);
        Path out = dir.resolve("o.png");
        CliRun run = inpaint("--out", out.toString(), "--resize-mask");
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void missingModel() {
        Path out = dir.resolve("o.png");
        CliRun run = CliRun.of("inpaint", "--image", image.toString(), "--mask", mask.toString(), "--model",
                dir.resolve("nope").toString(), "--out", out.toString());
        assertCleanFailure(run, out, "does not exist");
    }

    @Test
    void onnxFileWithUnexpectedInputs() throws IOException {
        Path onnx = TestModels.identityModel(dir.resolve("identity.onnx"));
        Path out = dir.resolve("o.png");
        CliRun run = CliRun.of("inpaint", "--image", image.toString(), "--mask", mask.toString(), "--model",
                onnx.toString(), "--out", out.toString());
        assertCleanFailure(run, out, "The ONNX model has unexpected inputs");
    }

    @Test
    void zeroSizeImage() throws IOException {
        TestImages.pngWithHeader(image, 0, 0);
        Path out = dir.resolve("o.png");
        assertCleanFailure(inpaint("--out", out.toString()), out, "photo.png is empty (0×0 pixels).");
    }

    @Test
    void hugeImageIsRefusedBeforeDecoding() throws IOException {
        TestImages.pngWithHeader(image, 30000, 30000);
        Path out = dir.resolve("o.png");
        assertCleanFailure(inpaint("--out", out.toString()), out, "photo.png is 30000×30000 pixels");
    }

    @Test
    void outOfRangeParameters() {
        Path out = dir.resolve("o.png");
        assertCleanFailure(CliRun.of("inpaint", "--image", image.toString(), "--mask", mask.toString(), "--model", model,
                "--steps", "20", "--jump-length", "20", "--out", out.toString()), out,
                "The jump length must be at least 1 and below the number of steps (20), not 20.");
        assertCleanFailure(CliRun.of("inpaint", "--image", image.toString(), "--mask", mask.toString(), "--model", model,
                "--eta", "-0.5", "--out", out.toString()), out, "Eta must be between 0 and 1");
        assertCleanFailure(CliRun.of("inpaint", "--image", image.toString(), "--mask", mask.toString(), "--model", model,
                "--steps", "5000", "--out", out.toString()), out, "training steps");
        assertCleanFailure(CliRun.of("inpaint", "--image", image.toString(), "--mask", mask.toString(), "--model", model,
                "--mode", "magic", "--out", out.toString()), out, "Unknown sampling mode 'magic'; use one of: " + org.repaintstudio.core.sampler.SamplerRegistry.ids() + ".");
    }

    @Test
    void emptyMaskMeansNothingToDo() {
        MaskFiles.write(new Mask(640, 480), mask, true);
        Path out = dir.resolve("o.png");
        CliRun run = inpaint("--out", out.toString());
        assertThat(run.exitCode()).isEqualTo(InpaintCommand.NOTHING_TO_DO);
        assertThat(run.err()).contains("Nothing to do");
        assertThat(out).doesNotExist();
    }

    @Test
    void scheduleCommandPrintsJsonAndPlots() throws IOException {
        Path plot = dir.resolve("plot.png");
        CliRun run = CliRun.of("schedule", "--steps", "20", "--jump-length", "5", "--jump-n-sample", "3",
                "--train-steps", "100", "--plot", plot.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("length").asInt()).isEqualTo(80);
        assertThat(json.get("model_calls").asInt()).isEqualTo(50);
        assertThat(json.get("timesteps").get(0).asInt()).isEqualTo(95);
        assertThat(ImageIO.read(plot.toFile()).getWidth()).isEqualTo(1000);

        CliRun original = CliRun.of("schedule", "--original", "t_T=250,n_sample=1,jump_length=10,jump_n_sample=10,start_resampling=100");
        assertThat(original.exitCode()).as(original.err()).isZero();
        JsonNode o = new ObjectMapper().readTree(original.out());
        assertThat(o.get("timesteps").get(o.get("length").asInt() - 1).asInt()).isEqualTo(-1);

        CliRun bad = CliRun.of("schedule", "--original", "t_T=250,jump=3");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).contains("'jump=3' is not a get_schedule_jump parameter");
    }

    @Test
    void conformanceOnTheGoldenCopyAndOnABrokenCopy() throws IOException {
        CliRun run = CliRun.of("conformance", Golden.root().toString());
        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out().strip()).endsWith("112 passed, 0 failed");

        // A copy with one altered expected value fails that case, and only that case.
        Path copy = dir.resolve("golden");
        Path undo = copy.resolve("scheduler/undo/undo_000");
        Files.createDirectories(undo);
        for (String f : new String[] {"manifest.json", "sample.f32", "noise.f32", "undo_sample.f32"}) {
            Files.copy(Golden.root().resolve("scheduler/undo/undo_000").resolve(f), undo.resolve(f));
        }
        byte[] expected = Files.readAllBytes(undo.resolve("undo_sample.f32"));
        expected[3] ^= 0x40;
        Files.write(undo.resolve("undo_sample.f32"), expected);
        CliRun broken = CliRun.of("conformance", copy.toString());
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.out()).contains("FAIL scheduler/undo/undo_000").contains("0 passed, 1 failed");

        CliRun empty = CliRun.of("conformance", dir.resolve("previews-none").toString());
        assertThat(empty.exitCode()).isNotZero();
        assertThat(empty.err()).contains("is not a directory");
    }

    @Test
    void benchReportsMedianJavaShareAndEstimates() {
        CliRun run = CliRun.of("bench", "--model", model, "--calls", "10", "--warmup", "1", "--threads", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("UNet call    median").contains("Java step").contains("Paper    250/10/10: 2410 UNet calls");
    }

    @Test
    void benchComparesWithThePreviousBuildsSettingsAndNamesThem() {
        CliRun run = CliRun.of("bench", "--model", model, "--calls", "10", "--warmup", "1", "--threads", "1",
                "--compare-baseline", "--spinning", "off");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("settings     this build: ONNX Runtime 1 intra-op thread(s), spinning off")
                .contains("settings     previous build: ONNX Runtime 1 intra-op thread(s), spinning on")
                .contains("baseline     median").contains("speed-up").contains("load ");
        CliRun bad = CliRun.of("bench", "--model", model, "--spinning", "maybe");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).contains("--spinning must be on or off");
    }

    @Test
    void everyCommandHasHelp() {
        for (String c : new String[] {"inpaint", "schedule", "conformance", "bench"}) {
            CliRun run = CliRun.of(c, "--help");
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("Usage: repaint-studio " + c);
        }
    }
}
