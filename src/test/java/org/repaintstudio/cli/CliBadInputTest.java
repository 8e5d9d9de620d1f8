package org.repaintstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import org.repaintstudio.core.TestImages;
import org.repaintstudio.core.TestModels;
import org.repaintstudio.core.convert.Golden;
import org.repaintstudio.core.image.HostileImages;

/**
 * The bad inputs of issue 16 through the command line, one row per failure class: one sentence on
 * stderr, a non-zero exit, no stack trace or library text, and no file left behind.
 */
class CliBadInputTest {
    @TempDir
    Path dir;

    static final String[] QUICK = {"--steps", "6", "--jump-length", "2", "--jump-n-sample", "2"};
    /** Text that must never reach a user. */
    static final List<String> RAW = List.of("\tat ", "Exception", "TensorInfo(", "Error code -", "[Source",
            "2147483647", "ORT_", "Infinity");

    /** Sets up the files of one row and returns its arguments. */
    @FunctionalInterface
    interface Setup {
        String[] args(Path dir) throws IOException;
    }

    record Row(String failureClass, String name, String expected, Setup setup) { }

    static Path image(Path dir) throws IOException {
        Path img = dir.resolve("photo.png");
        return Files.exists(img) ? img : TestImages.writePng(TestImages.gradient(64, 64), img);
    }

    static String[] inpaint(Path dir, Path model, String... extra) throws IOException {
        List<String> a = new ArrayList<>(List.of("inpaint", "--image", image(dir).toString(), "--mask-preset", "thick",
                "--out", dir.resolve("out.png").toString(), "--model", model.toString()));
        if (!List.of(extra).contains("--steps")) {
            a.addAll(List.of(QUICK));
        }
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    /** The tiny golden UNet as safetensors only, with one config value changed. */
    static Path modelWithConfig(Path dir, String key, Object value) throws IOException {
        Path m = dir.resolve("model-" + key);
        Files.createDirectories(m);
        Files.copy(Golden.unet("tiny").resolve("diffusion_pytorch_model.safetensors"),
                m.resolve("diffusion_pytorch_model.safetensors"));
        ObjectMapper json = new ObjectMapper();
        ObjectNode cfg = (ObjectNode) json.readTree(Golden.unet("tiny").resolve("config.json").toFile());
        cfg.set(key, json.valueToTree(value));
        json.writeValue(m.resolve("config.json").toFile(), cfg);
        return m;
    }

    static final Path TINY = Golden.unet("tiny");

    static List<Row> rows() {
        return List.of(
                new Row("2 configs", "sample_size 1e9", "The model config value sample_size = 1000000000 is not supported",
                        d -> inpaint(d, modelWithConfig(d, "sample_size", 1_000_000_000))),
                new Row("2 configs", "huge block_out_channels", "block_out_channels",
                        d -> inpaint(d, modelWithConfig(d, "block_out_channels", List.of(1 << 30, 1 << 30)))),
                new Row("2 configs", "attn_norm_num_groups 0", "attn_norm_num_groups = 0 is not supported",
                        d -> inpaint(d, modelWithConfig(d, "attn_norm_num_groups", 0))),
                new Row("2 configs", "attn_norm_num_groups -1", "attn_norm_num_groups = -1 is not supported",
                        d -> inpaint(d, modelWithConfig(d, "attn_norm_num_groups", -1))),
                new Row("2 configs", "convert sample_size 1e9", "sample_size = 1000000000",
                        d -> new String[] {"convert", modelWithConfig(d, "sample_size", 1_000_000_000).toString()}),
                new Row("2 configs", "conversion fails at inpaint", "has no tensor 'conv_out.bias'",
                        CliBadInputTest::modelWithMissingTensor),
                new Row("3 parameters", "inpaint jump-n-sample 1e9", "479,999,999,770 entries",
                        d -> inpaint(d, TINY, "--steps", "250", "--jump-length", "10", "--jump-n-sample", "1000000000")),
                new Row("3 parameters", "schedule jump-n-sample 1e9", "the limit is 1,000,000",
                        d -> new String[] {"schedule", "--jump-n-sample", "1000000000"}),
                new Row("3 parameters", "schedule original jump_n_sample 1e9", "the limit is 1,000,000",
                        d -> new String[] {"schedule", "--original", "t_T=250,jump_length=10,jump_n_sample=1000000000"}),
                new Row("3 parameters", "steps before the model is read", "Steps must be between 1 and 100000",
                        d -> inpaint(d, TINY, "--steps", "5000000", "--jump-length", "2")),
                new Row("3 parameters", "bare ONNX of 100000×100000", "A model working at 100000×100000 pixels",
                        d -> inpaint(d, TestModels.unetInterface(d.resolve("huge.onnx"), 100_000, false))),
                new Row("4 library text", "not an ONNX file", "Error: model.onnx is not a valid ONNX file.",
                        d -> inpaint(d, garbageOnnx(d))),
                new Row("4 library text", "ONNX with other inputs", "unexpected inputs (x float tensor [1, 10])",
                        d -> inpaint(d, TestModels.identityModel(d.resolve("identity.onnx")))),
                new Row("4 library text", "config.json is not JSON", "is not valid JSON (line",
                        CliBadInputTest::brokenJsonModel),
                new Row("5 NaN", "model outputs NaN", "The model produced NaN values at UNet call 1",
                        d -> inpaint(d, TestModels.unetInterface(d.resolve("nan.onnx"), 32, true))));
    }

    static Path garbageOnnx(Path dir) throws IOException {
        Path m = dir.resolve("garbage");
        Files.createDirectories(m);
        Files.write(m.resolve("model.onnx"), "this is not protobuf at all, just text".getBytes(StandardCharsets.UTF_8));
        return m.resolve("model.onnx");
    }

    static String[] brokenJsonModel(Path dir) throws IOException {
        Path m = Files.createDirectories(dir.resolve("broken-json"));
        Files.copy(TINY.resolve("diffusion_pytorch_model.safetensors"), m.resolve("diffusion_pytorch_model.safetensors"));
        Files.writeString(m.resolve("config.json"), "{\"sample_size\": 32,\n \"block_out_channels\": [32, }");
        return inpaint(dir, m);
    }

    /** A valid config whose weights lack a tensor: the conversion starts at inpaint time and fails. */
    static String[] modelWithMissingTensor(Path dir) throws IOException {
        Path m = Files.createDirectories(dir.resolve("missing-tensor"));
        Files.copy(TINY.resolve("config.json"), m.resolve("config.json"));
        var shapes = new java.util.LinkedHashMap<>(
                org.repaintstudio.core.convert.UnetConfig.read(TINY.resolve("config.json")).parameterShapes());
        shapes.remove("conv_out.bias");
        org.repaintstudio.core.convert.TestSafetensors.writeF32(m.resolve("diffusion_pytorch_model.safetensors"), shapes,
                org.repaintstudio.core.convert.TestSafetensors.randomWeights(1));
        return inpaint(dir, m);
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputGetsOneSentenceAndLeavesNothing() {
        return rows().stream().map(row -> DynamicTest.dynamicTest(row.failureClass() + ": " + row.name(), () -> {
            Path d = Files.createDirectories(dir.resolve(row.name().replaceAll("[^A-Za-z0-9]+", "-")));
            String[] args = row.setup().args(d);
            Set<String> before = files(d);
            CliRun run = CliRun.of(args);
            assertCleanFailure(run, row.expected());
            assertThat(files(d)).as("files left behind").isEqualTo(before);
        }));
    }

    static void assertCleanFailure(CliRun run, String expected) {
        assertThat(run.exitCode()).as(run.err()).isNotZero();
        List<String> errors = run.err().strip().lines().filter(l -> l.startsWith("Error:")).toList();
        assertThat(errors).as(run.err()).hasSize(1);
        assertThat(errors.get(0)).contains(expected).endsWith(".");
        for (String raw : RAW) {
            assertThat(run.err()).as(run.err()).doesNotContain(raw);
        }
    }

    static Set<String> files(Path d) throws IOException {
        try (Stream<Path> s = Files.walk(d)) {
            return s.filter(Files::isRegularFile).map(p -> d.relativize(p).toString()).collect(
                    java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    // ---- class 1: memory, in a JVM with the 1 GB heap of a modest laptop ----

    @Test
    void imagesThatCannotFitInOneGigabyteAreRefusedFromTheHeader() throws Exception {
        Path rgba16 = HostileImages.png(dir.resolve("rgba16.png"), 8000, 8000, 16, 6);
        Path greyPng = HostileImages.png(dir.resolve("grey.png"), 8000, 8000, 8, 0);
        Path greyJpg = dir.resolve("grey.jpg");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(8000, 8000,
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY), "jpg", greyJpg.toFile());
        for (Path img : List.of(rgba16, greyPng, greyJpg)) {
            Path out = dir.resolve("out.png");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx1g", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                    "org.repaintstudio.Main", "inpaint", "--image", img.toString(), "--mask-preset", "thick",
                    "--out", out.toString(), "--model", TINY.toString()).start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(err).isEqualTo(1);
            assertThat(err.strip().lines().toList()).as(err).hasSize(1);
            assertThat(err).startsWith("Error: " + img.getFileName() + " is 8000×8000 pixels")
                    .contains("heap limit").doesNotContain("OutOfMemoryError");
            assertThat(out).doesNotExist();
        }
    }
}
