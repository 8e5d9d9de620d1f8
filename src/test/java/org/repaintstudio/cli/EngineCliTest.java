package org.repaintstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.repaintstudio.core.Golden;
import org.repaintstudio.core.TestImages;
import org.repaintstudio.core.image.ImageFiles;
import org.repaintstudio.core.image.ImageWriters;
import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.image.MaskFiles;

/** The engine-facing command line: sampler registry, devices, threads, defaults and batch runs. */
class EngineCliTest {
    @TempDir
    Path dir;

    final String model = Golden.root().resolve("unet/tiny").toString();
    static final String[] QUICK = {"--steps", "6", "--jump-length", "2", "--jump-n-sample", "1", "--threads", "1"};

    private static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private Path image(String name, int w, int h) throws IOException {
        Files.createDirectories(dir.resolve("in"));
        return TestImages.writePng(TestImages.gradient(w, h), dir.resolve("in").resolve(name));
    }

    private Path mask(String name, int w, int h) {
        Mask m = new Mask(w, h);
        for (int y = h / 3; y < h / 2; y++) {
            for (int x = w / 3; x < w / 2; x++) {
                m.set(x, y, true);
            }
        }
        Path p = dir.resolve("masks").resolve(name);
        MaskFiles.write(m, p, false);
        return p;
    }

    private static void assertOneSentenceError(CliRun run, String expected) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains(expected).doesNotContain("\tat ");
        assertThat(run.err().strip().lines().filter(l -> l.startsWith("Error:")).count()).isEqualTo(1);
    }

    @Test
    void anUnknownModeIsTheSameClearErrorInEveryCommand() throws IOException {
        Path img = image("a.png", 40, 30);
        Path m = mask("a.png", 40, 30);
        String expected = "Unknown sampling mode 'foo'; use one of: " + org.repaintstudio.core.sampler.SamplerRegistry.ids() + ".";
        assertOneSentenceError(CliRun.of(concat(new String[] {"inpaint", "--image", img.toString(), "--mask", m.toString(),
                "--model", model, "--mode", "foo", "--out", dir.resolve("o.png").toString()}, QUICK)), expected);
        assertOneSentenceError(CliRun.of("evaluate", "--images", dir.resolve("in").toString(), "--model", model,
                "--mode", "foo", "--out", dir.resolve("ev").toString()), expected);
        assertThat(dir.resolve("o.png")).doesNotExist();
        assertThat(dir.resolve("ev").resolve("metrics.csv")).doesNotExist();
    }

    @Test
    void modeHelpComesFromTheRegistry() {
        CliRun help = CliRun.of("inpaint", "--help");
        String unwrapped = help.out().replaceAll("\\s+", " ");
        assertThat(unwrapped).contains(org.repaintstudio.core.sampler.SamplerRegistry.ids() + ".")
                .contains("fast, balanced,")
                .contains("Presets (sampler steps/jump length/resamplings): fast ddnm 50/5/2 (95 calls), balanced ddnm "
                        + "100/10/5 (460 calls)");
        assertThat(help.out())
                .contains("(default balanced)").contains("paper: the original RePaint code");
        assertThat(CliRun.of("evaluate", "--help").out()).contains("fast, balanced, paper (default: balanced)");
    }

    @Test
    void cudaOnThisBuildIsOneSentenceAndExitOne() throws IOException {
        Path img = image("a.png", 40, 30);
        Path m = mask("a.png", 40, 30);
        CliRun run = CliRun.of(concat(new String[] {"inpaint", "--image", img.toString(), "--mask", m.toString(),
                "--model", model, "--device", "cuda", "--out", dir.resolve("o.png").toString()}, QUICK));
        // A CPU-only build says so; the -Pcuda build (.ci/cuda-check) names the missing CUDA 12 runtime.
        assertOneSentenceError(run, "CUDA 12 runtime");
        if (!org.repaintstudio.core.model.ExecutionProvider.byId("cuda").isCompiledIn()) {
            assertThat(run.err()).contains("This is a CPU-only build of RePaint Studio");
        }
        assertThat(dir.resolve("o.png")).doesNotExist();
        assertOneSentenceError(CliRun.of("generate", "--model", model, "--device", "tpu", "--out",
                dir.resolve("g.png").toString()), "Unknown device 'tpu'; use one of: cpu, cuda.");
    }

    @Test
    void threadsAreRangeChecked() throws IOException {
        Path img = image("a.png", 40, 30);
        Path m = mask("a.png", 40, 30);
        CliRun run = CliRun.of("inpaint", "--image", img.toString(), "--mask", m.toString(), "--model", model,
                "--threads", "100000", "--out", dir.resolve("o.png").toString());
        assertOneSentenceError(run, "Threads must be 0 (one per core) or 1 to ");
    }

    @Test
    void devicesListsTheCpu() {
        CliRun run = CliRun.of("devices");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("cpu").contains("available").contains("CPU");
        assertThat(run.out()).contains("cuda[:N]");
    }

    @Test
    void inpaintWithoutPresetUsesTheDefaultPreset() throws IOException {
        Path img = image("a.png", 40, 30);
        Path m = mask("a.png", 40, 30);
        Path out = dir.resolve("o.png");
        // No --preset and no schedule options: the default preset (Balanced, 460 calls) runs, through the
        // narrow-hole advice, which names the preset's calls.
        CliRun run = CliRun.of("inpaint", "--image", img.toString(), "--mask", m.toString(), "--model", model,
                "--threads", "1", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("instead of 460.");
        assertThat(ImageWriters.readPngText(out)).containsEntry("repaint.mode", "partial-start@0.3")
                .containsEntry("repaint.eta", "1.0");
        // With the hole's advice set aside (an explicit sampler), the preset's own schedule runs.
        CliRun chosen = CliRun.of("inpaint", "--image", img.toString(), "--mask", m.toString(), "--model", model,
                "--threads", "1", "--mode", "diffusers", "--force", "--out", out.toString());
        assertThat(chosen.exitCode()).as(chosen.err()).isZero();
        assertThat(ImageWriters.readPngText(out)).containsEntry("repaint.steps", "100")
                .containsEntry("repaint.jump_length", "10").containsEntry("repaint.jump_n_sample", "5")
                .containsEntry("repaint.eta", "1.0");
    }

    private List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private CliRun batch(Path out, String... extra) {
        return CliRun.of(concat(concat(new String[] {"inpaint", "--image", dir.resolve("in").toString(), "--mask",
                dir.resolve("masks").toString(), "--model", model, "--seed", "3", "--out", out.toString()}, QUICK),
                extra));
    }

    @Test
    void batchMatchesMasksByNameSkipsBadFilesAndResumes() throws IOException {
        image("a.png", 40, 30);
        mask("a.png", 40, 30);
        image("b.jpg", 36, 36);
        mask("b.png", 36, 36);
        image("c.png", 40, 30);
        mask("c.png", 20, 20); // wrong size: reported and skipped
        Files.writeString(dir.resolve("in").resolve("d.png"), "not an image");
        Path out = dir.resolve("out");
        CliRun run = batch(out);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains("Skipped c.png: The mask is 20×20 pixels").contains("Skipped d.png")
                .contains("2 written, 0 already there, 0 with an empty mask, 2 failed.");
        assertThat(names(out)).containsExactly("a.png", "b.png");
        assertThat(ImageWriters.readPngText(out.resolve("a.png"))).containsEntry("Source", "a.png")
                .containsKey("repaint.crop");
        long before = Files.getLastModifiedTime(out.resolve("a.png")).toMillis();
        CliRun again = batch(out);
        assertThat(again.err()).contains("0 written, 2 already there");
        assertThat(Files.getLastModifiedTime(out.resolve("a.png")).toMillis()).isEqualTo(before);
    }

    @Test
    void anySplitIntoShardsGivesTheSamePixels() throws IOException {
        for (String n : List.of("p1", "p2", "p3", "p4", "p5")) {
            image(n + ".png", 32, 32);
            mask(n + ".png", 32, 32);
        }
        Path whole = dir.resolve("whole");
        assertThat(batch(whole).exitCode()).isZero();
        Path split = dir.resolve("split");
        List<String> seen = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            CliRun run = batch(split, "--shard", k + "/3");
            assertThat(run.exitCode()).as(run.err()).isZero();
        }
        seen.addAll(names(split));
        assertThat(seen).containsExactlyElementsOf(names(whole)).hasSize(5);
        for (String n : seen) {
            assertThat(ImageFiles.readRgbPixels(split.resolve(n))).as(n)
                    .containsExactly(ImageFiles.readRgbPixels(whole.resolve(n)));
        }
        // Different files get different seeds.
        assertThat(ImageWriters.readPngText(whole.resolve("p1.png")).get("repaint.seed"))
                .isNotEqualTo(ImageWriters.readPngText(whole.resolve("p2.png")).get("repaint.seed"));
        assertOneSentenceError(batch(split, "--shard", "3/3"), "--shard must be K/N with 0 <= K < N");
    }
}
