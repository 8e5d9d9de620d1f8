package org.repaintstudio.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.repaintstudio.core.TestImages;
import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.convert.SafetensorsFile;
import org.repaintstudio.core.convert.SafetensorsTensor;
import org.repaintstudio.core.convert.TestSafetensors;
import org.repaintstudio.core.convert.UnetConfig;
import org.repaintstudio.core.convert.UnetConverter;
import org.repaintstudio.core.image.ImageFiles;
import org.repaintstudio.core.image.MaskConvention;
import org.repaintstudio.core.image.MaskFiles;

/**
 * Seeded mutation fuzzing of everything that reads user files: safetensors, config.json, PNG and
 * JPEG images, masks, and the converter on mutated configs and weights. Each input may succeed or
 * fail with the project's {@link UserFacingException}; any other exception or error (an
 * OutOfMemoryError included) and any file left behind fails the test.
 *
 * <p>First it replays the committed corpus under {@code src/test/resources/fuzz/<target>/}, then
 * mutates for {@code -Drepaint.fuzz.seconds} (default 60) from seed {@code -Drepaint.fuzz.seed}.
 * With {@code -Drepaint.fuzz.record=DIR} each input with a new outcome is saved there, to grow the corpus.
 */
class ReaderFuzzTest {
    static final long SECONDS = Long.getLong("repaint.fuzz.seconds", 60);
    static final long SEED = Long.getLong("repaint.fuzz.seed", 16);
    static final String RECORD = System.getProperty("repaint.fuzz.record");
    static final Path CORPUS = Path.of("src/test/resources/fuzz");

    /** A small but complete UNet config: every block type, attention, two levels. */
    static final String CONFIG = """
            {"_class_name": "UNet2DModel", "sample_size": 8, "in_channels": 3, "out_channels": 3,
             "block_out_channels": [8, 16], "layers_per_block": 1, "norm_num_groups": 4,
             "attention_head_dim": 4, "attn_norm_num_groups": null, "norm_eps": 1e-05, "freq_shift": 0,
             "down_block_types": ["DownBlock2D", "AttnDownBlock2D"],
             "up_block_types": ["AttnUpBlock2D", "UpBlock2D"], "downsample_padding": 1,
             "mid_block_scale_factor": 1, "flip_sin_to_cos": true, "center_input_sample": false}
            """;

    @TempDir
    Path tmp;

    enum Target {
        SAFETENSORS(".safetensors"), CONFIG(".json"), PNG(".png"), JPEG(".jpg"), MASK(".png"),
        CONVERT_CONFIG(".json"), CONVERT_WEIGHTS(".safetensors");

        final String extension;

        Target(String extension) {
            this.extension = extension;
        }

        String dir() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        boolean json() {
            return this == CONFIG || this == CONVERT_CONFIG;
        }
    }

    /** Valid inputs to mutate, and the valid partner files the converter targets need. */
    private final Map<Target, byte[]> seeds = new EnumMap<>(Target.class);
    private Path validConfig;
    private Path validWeights;
    private final List<String> failures = new ArrayList<>();
    private final Map<Target, int[]> stats = new EnumMap<>(Target.class);
    private final Set<String> outcomesSeen = new TreeSet<>();

    @Test
    @Timeout(value = 30, unit = java.util.concurrent.TimeUnit.MINUTES)
    void readersAndTheConverterOnlyEverFailWithOneSentence() throws Exception {
        makeSeeds();
        int replayed = replayCorpus();
        long end = System.nanoTime() + SECONDS * 1_000_000_000L;
        SplittableRandom master = new SplittableRandom(SEED);
        Target[] targets = Target.values();
        long iterations = 0;
        while (System.nanoTime() < end && failures.size() < 20) {
            long seed = master.nextLong();
            SplittableRandom rnd = new SplittableRandom(seed);
            Target t = targets[rnd.nextInt(targets.length)];
            byte[] input = t.json() ? Mutator.json(seeds.get(t), rnd) : Mutator.bytes(seeds.get(t), rnd);
            runOne(t, input, "seed " + SEED + "/" + seed);
            iterations++;
        }
        System.out.printf("fuzz: %d corpus inputs replayed, %d mutants in %d s (seed %d); per target [ok, refused]: %s%n",
                replayed, iterations, SECONDS, SEED, describeStats());
        assertThat(failures).as("inputs that broke a reader (see target/fuzz-failures)").isEmpty();
    }

    private String describeStats() {
        Map<String, String> m = new LinkedHashMap<>();
        stats.forEach((t, s) -> m.put(t.dir(), "[" + s[0] + ", " + s[1] + "]"));
        return m.toString();
    }

    private int replayCorpus() throws IOException {
        int n = 0;
        for (Target t : Target.values()) {
            Path dir = CORPUS.resolve(t.dir());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.sorted().toList()) {
                    runOne(t, Files.readAllBytes(f), "corpus " + f);
                    n++;
                }
            }
        }
        return n;
    }

    private void runOne(Target t, byte[] input, String origin) throws IOException {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path file = work.resolve("input" + t.extension);
        Files.write(file, input);
        Path onnx = work.resolve("model.onnx");
        String outcome;
        boolean ok;
        try {
            run(t, file, onnx);
            outcome = "ok";
            ok = true;
        } catch (UserFacingException e) {
            outcome = e.getMessage() == null ? "" : e.getMessage().replaceAll("[0-9]+", "N")
                    .replace(work.toString(), "");
            ok = false;
            if (e.getMessage() == null || e.getMessage().isBlank() || e.getMessage().contains("\n")) {
                fail(t, input, origin, "a message that is not one sentence: " + e.getMessage());
            }
        } catch (Throwable e) {
            fail(t, input, origin, e.toString());
            outcome = e.getClass().getName();
            ok = false;
        }
        stats.computeIfAbsent(t, k -> new int[2])[ok ? 0 : 1]++;
        Set<String> left = listFiles(work);
        Set<String> allowed = new TreeSet<>(Set.of(file.getFileName().toString()));
        if (ok && (t == Target.CONVERT_CONFIG || t == Target.CONVERT_WEIGHTS)) {
            allowed.add("model.onnx");
            allowed.add("model.onnx.json");
        }
        if (!left.equals(allowed)) {
            fail(t, input, origin, "files left behind: " + left);
        }
        String key = t.dir() + ": " + outcome.substring(0, Math.min(60, outcome.length()));
        if (outcomesSeen.add(key) && RECORD != null) {
            Path dir = Files.createDirectories(Path.of(RECORD, t.dir()));
            Files.write(dir.resolve(String.format("%03d%s", outcomesSeen.size(), t.extension)), input);
        }
        deleteTree(work);
    }

    private void run(Target t, Path file, Path onnx) throws IOException {
        switch (t) {
            case SAFETENSORS -> readAllTensors(file);
            case CONFIG -> UnetConfig.read(file).parameterCount();
            case PNG, JPEG -> {
                ImageFiles.probe(file);
                ImageFiles.read(file);
            }
            case MASK -> MaskFiles.read(file, MaskConvention.WHITE_FILL);
            case CONVERT_CONFIG -> UnetConverter.convert(file, validWeights, onnx, false, null, null);
            case CONVERT_WEIGHTS -> UnetConverter.convert(validConfig, file, onnx, false, null, null);
        }
    }

    private static void readAllTensors(Path file) throws IOException {
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            for (SafetensorsTensor tensor : f.tensors().values()) {
                if (tensor.dtype().readableAsFloat() && tensor.elementCount() <= 1 << 20) {
                    f.readFloats(tensor);
                    f.countNonFinite(tensor);
                }
            }
        }
    }

    private void fail(Target t, byte[] input, String origin, String what) throws IOException {
        Path dir = Files.createDirectories(Path.of("target/fuzz-failures", t.dir()));
        Path saved = dir.resolve(failures.size() + t.extension);
        Files.write(saved, input);
        failures.add(t.dir() + " (" + origin + ", saved as " + saved + "): " + what);
    }

    private void makeSeeds() throws IOException {
        Path seedDir = Files.createDirectories(tmp.resolve("seeds"));
        validConfig = Files.writeString(seedDir.resolve("config.json"), CONFIG);
        validWeights = seedDir.resolve("diffusion_pytorch_model.safetensors");
        TestSafetensors.writeF32(validWeights, UnetConfig.read(validConfig).parameterShapes(),
                TestSafetensors.randomWeights(SEED));
        byte[] config = CONFIG.getBytes(StandardCharsets.UTF_8);
        byte[] weights = Files.readAllBytes(validWeights);
        seeds.put(Target.SAFETENSORS, weights);
        seeds.put(Target.CONVERT_WEIGHTS, weights);
        seeds.put(Target.CONFIG, config);
        seeds.put(Target.CONVERT_CONFIG, config);
        BufferedImage photo = TestImages.gradient(16, 12);
        seeds.put(Target.PNG, encode(photo, "png"));
        seeds.put(Target.JPEG, encode(photo, "jpg"));
        BufferedImage mask = new BufferedImage(16, 12, BufferedImage.TYPE_INT_ARGB);
        for (int y = 3; y < 9; y++) {
            for (int x = 4; x < 12; x++) {
                mask.setRGB(x, y, 0xFF000000);
            }
        }
        seeds.put(Target.MASK, encode(mask, "png"));
    }

    private static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }

    private static Set<String> listFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            Set<String> names = new TreeSet<>();
            s.filter(p -> !p.equals(dir)).forEach(p -> names.add(dir.relativize(p).toString()));
            return names;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

}
