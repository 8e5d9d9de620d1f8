package org.repaintstudio.core.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.repaintstudio.core.ErrorTranslator;
import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.image.ImageFiles;
import org.repaintstudio.core.model.OnnxDenoiser;
import org.repaintstudio.core.task.CancelToken;
import org.repaintstudio.core.sampler.DiffusersRePaintScheduler;
import org.repaintstudio.core.sampler.DiffusersSampler;
import org.repaintstudio.core.sampler.PipelineListener;
import org.repaintstudio.core.sampler.RePaintPipeline;
import org.repaintstudio.core.sampler.ReplayNoise;
import org.repaintstudio.core.sampler.Shape;
import org.repaintstudio.core.schedule.DiffusersResampling;
import org.repaintstudio.core.schedule.NoiseSchedule;
import org.repaintstudio.core.schedule.OriginalJumpSchedule;
import org.repaintstudio.core.schedule.Respacing;
import org.repaintstudio.core.schedule.SchedulerConfig;
import org.repaintstudio.core.schedule.TimestepSchedule;
import org.repaintstudio.core.tensor.Compare;
import org.repaintstudio.core.tensor.RawTensors;

/**
 * Runs every case of a directory in the golden reference format (scheduler timesteps, betas,
 * step and undo, UNet input/output pairs, whole pipelines, original RePaint schedules) against
 * this engine. Works on any directory of that format, whatever cases it holds.
 */
public final class ConformanceSuite implements AutoCloseable {
    /** Tolerances from the reference data's README. */
    public static final double STEP_TOLERANCE = 1e-5;
    public static final double UNET_TOLERANCE = 1e-4;
    public static final double PIPELINE_TOLERANCE = 1e-4;
    public static final double BETA_ULPS = 2;

    public record CaseResult(String id, boolean passed, String detail) {}

    /** Outcome of one check, with what was measured. */
    public record Verdict(boolean passed, String detail) {
        static Verdict ok(String detail) {
            return new Verdict(true, detail);
        }

        static Verdict fail(String detail) {
            return new Verdict(false, detail);
        }

        /** From a comparison that returns null when equal. */
        static Verdict identical(String difference) {
            return difference == null ? ok("identical") : fail(difference);
        }
    }

    /** A named check that can be run on its own. */
    public record Case(String id, Check check) {
        public CaseResult run() {
            try {
                Verdict v = check.run();
                return new CaseResult(id, v.passed(), v.detail());
            } catch (UserFacingException e) {
                return new CaseResult(id, false, e.getMessage());
            } catch (RuntimeException e) {
                // A manifest with missing or mistyped fields: say so instead of showing a library exception.
                return new CaseResult(id, false, "the reference data is unreadable ("
                        + ErrorTranslator.clean(String.valueOf(e.getMessage())) + ").");
            }
        }
    }

    @FunctionalInterface
    public interface Check {
        Verdict run();
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path root;
    private final int threads;
    private final Map<Path, OnnxDenoiser> models = new HashMap<>();

    public ConformanceSuite(Path root, int threads) {
        this.root = root;
        this.threads = threads;
        if (!Files.isDirectory(root)) {
            throw new UserFacingException(root + " is not a directory.");
        }
    }

    /** Every case in the directory, in a stable order. */
    public List<Case> cases() {
        List<Case> all = new ArrayList<>();
        Path grid = root.resolve("scheduler/timesteps_grid.json");
        if (Files.isRegularFile(grid)) {
            for (JsonNode c : readJson(grid).path("cases")) {
                all.add(new Case("scheduler/timesteps_grid/" + c.path("case_id").asText(), () -> checkGrid(c)));
            }
        }
        for (Path d : subdirs(root.resolve("scheduler/betas"))) {
            all.add(new Case(rel(d), () -> checkBetas(d)));
        }
        for (Path d : subdirs(root.resolve("scheduler/step"))) {
            all.add(new Case(rel(d), () -> checkStep(d)));
        }
        for (Path d : subdirs(root.resolve("scheduler/undo"))) {
            all.add(new Case(rel(d), () -> checkUndo(d)));
        }
        for (Path model : subdirs(root.resolve("unet"))) {
            for (Path io : subdirs(model)) {
                if (io.getFileName().toString().startsWith("io_")) {
                    all.add(new Case(rel(io), () -> checkUnet(io)));
                }
            }
        }
        for (Path d : subdirs(root.resolve("pipeline"))) {
            all.add(new Case(rel(d), () -> checkPipeline(d)));
        }
        Path original = root.resolve("repaint_original/schedules.json");
        if (Files.isRegularFile(original)) {
            JsonNode o = readJson(original);
            for (JsonNode c : o.path("cases")) {
                all.add(new Case("repaint_original/" + c.path("case_id").asText(), () -> checkOriginal(c)));
            }
            if (o.has("get_schedule_jump_paper")) {
                all.add(new Case("repaint_original/get_schedule_jump_paper",
                        () -> checkPaperSchedule(o.get("get_schedule_jump_paper"))));
            }
            if (o.has("comparison_with_diffusers_250_10_10")) {
                all.add(new Case("repaint_original/comparison_with_diffusers_250_10_10",
                        () -> checkComparison(o.get("comparison_with_diffusers_250_10_10"))));
            }
        }
        if (all.isEmpty()) {
            throw new UserFacingException(root + " holds no reference cases (expected scheduler/, unet/, pipeline/ or "
                    + "repaint_original/).");
        }
        return all;
    }

    /** Runs all cases, reporting each as it finishes. */
    public List<CaseResult> runAll(Consumer<CaseResult> each) {
        List<CaseResult> results = new ArrayList<>();
        for (Case c : cases()) {
            CaseResult r = c.run();
            results.add(r);
            each.accept(r);
        }
        return results;
    }

    // ---- schedules ----

    private Verdict checkGrid(JsonNode c) {
        int trainSteps = c.path("num_train_timesteps").asInt();
        int steps = c.path("num_inference_steps_arg").asInt();
        int jl = c.path("jump_length").asInt();
        int jn = c.path("jump_n_sample").asInt();
        boolean expectError = c.hasNonNull("error");
        int[] actual;
        try {
            actual = DiffusersResampling.timesteps(steps, jl, jn, trainSteps);
        } catch (UserFacingException e) {
            return expectError ? Verdict.ok("raised as diffusers does") : Verdict.fail("raised '" + e.getMessage() + "' but diffusers gave a schedule");
        }
        if (expectError) {
            return Verdict.fail("gave a schedule but diffusers raised " + c.get("error").asText());
        }
        String diff = compareInts(actual, ints(c.path("timesteps")));
        if (diff != null) {
            return Verdict.fail(diff);
        }
        TimestepSchedule s = TimestepSchedule.fromDiffusersTimesteps(actual);
        if (c.has("n_denoise") && s.denoiseCount() != c.get("n_denoise").asInt()) {
            return Verdict.fail("denoising steps " + s.denoiseCount() + " != " + c.get("n_denoise").asInt());
        }
        if (c.has("n_undo") && s.undoCount() != c.get("n_undo").asInt()) {
            return Verdict.fail("undo entries " + s.undoCount() + " != " + c.get("n_undo").asInt());
        }
        int ratio = DiffusersResampling.stepRatio(steps, trainSteps);
        if (c.has("step_ratio") && ratio != c.get("step_ratio").asInt()) {
            return Verdict.fail("step ratio " + ratio + " != " + c.get("step_ratio").asInt());
        }
        if (c.has("undo_noise_draws") && s.undoCount() * ratio != c.get("undo_noise_draws").asInt()) {
            return Verdict.fail("undo noise draws " + s.undoCount() * ratio + " != " + c.get("undo_noise_draws").asInt());
        }
        return Verdict.ok("identical, " + actual.length + " entries");
    }

    private Verdict checkOriginal(JsonNode c) {
        JsonNode p = c.path("params");
        int[] actual = originalSchedule(p).times();
        String diff = compareInts(actual, ints(c.path("times")));
        if (diff != null) {
            return Verdict.fail(diff);
        }
        TimestepSchedule s = originalSchedule(p).toTransitions();
        if (c.has("model_evaluations") && s.denoiseCount() != c.get("model_evaluations").asInt()) {
            return Verdict.fail("model evaluations " + s.denoiseCount() + " != " + c.get("model_evaluations").asInt());
        }
        if (c.has("undo_transitions") && s.undoCount() != c.get("undo_transitions").asInt()) {
            return Verdict.fail("undo transitions " + s.undoCount() + " != " + c.get("undo_transitions").asInt());
        }
        return Verdict.ok("identical, " + actual.length + " entries");
    }

    /** The paper's 250/1/10/10 schedule. */
    private Verdict checkPaperSchedule(JsonNode c) {
        return Verdict.identical(compareInts(OriginalJumpSchedule.of(250, 1, 10, 10).times(), ints(c.path("times"))));
    }

    private Verdict checkComparison(JsonNode c) {
        String diff = compareInts(Respacing.usedTimesteps(1000, 250), ints(c.path("original_timestep_map_250_of_1000")));
        if (diff != null) {
            return Verdict.fail("respacing map: " + diff);
        }
        if (c.has("diffusers_timesteps_250_of_1000")) {
            int[] expected = ints(c.get("diffusers_timesteps_250_of_1000"));
            int[] ours = new int[250];
            for (int i = 0; i < 250; i++) {
                ours[i] = i * DiffusersResampling.stepRatio(250, 1000);
            }
            int[] sortedExpected = expected.clone();
            Arrays.sort(sortedExpected);
            diff = compareInts(ours, sortedExpected);
            if (diff != null) {
                return Verdict.fail("diffusers timesteps: " + diff);
            }
        }
        return Verdict.ok("respacing map identical");
    }

    static OriginalJumpSchedule originalSchedule(JsonNode p) {
        return new OriginalJumpSchedule(
                p.path("t_T").asInt(), p.path("n_sample").asInt(1),
                p.path("jump_length").asInt(), p.path("jump_n_sample").asInt(),
                p.path("jump2_length").asInt(1), p.path("jump2_n_sample").asInt(1),
                p.path("jump3_length").asInt(1), p.path("jump3_n_sample").asInt(1),
                p.path("start_resampling").asInt(OriginalJumpSchedule.ALWAYS));
    }

    // ---- noise schedule, step, undo ----

    private Verdict checkBetas(Path dir) {
        JsonNode m = readJson(dir.resolve("manifest.json"));
        NoiseSchedule s = NoiseSchedule.of(SchedulerConfig.fromJson(m.path("scheduler_config")));
        float[] betas = sameLength(data(file(dir, m, "betas")), s.betas().length, file(dir, m, "betas"));
        float[] cumprod = sameLength(data(file(dir, m, "alphas_cumprod")), s.alphasCumprod().length,
                file(dir, m, "alphas_cumprod"));
        double b = Compare.maxUlps(s.betas(), betas);
        double a = Compare.maxUlps(s.alphasCumprod(), cumprod);
        if (b > BETA_ULPS || a > BETA_ULPS) {
            return Verdict.fail(String.format("betas off by %.0f ulp, alphas_cumprod by %.0f ulp", b, a));
        }
        return Verdict.ok(String.format("betas within %.0f ulp, alphas_cumprod within %.0f ulp", b, a));
    }

    private Verdict checkStep(Path dir) {
        JsonNode m = readJson(dir.resolve("manifest.json"));
        SchedulerConfig config = SchedulerConfig.fromJson(m.path("scheduler_config"))
                .withClipSample(m.path("clip_sample").asBoolean(m.path("scheduler_config").path("clip_sample").asBoolean(true)));
        double eta = m.path("eta").asDouble(m.path("scheduler_config").path("eta").asDouble(0));
        DiffusersRePaintScheduler scheduler = new DiffusersRePaintScheduler(config, eta);
        JsonNode ts = m.path("set_timesteps");
        scheduler.setTimesteps(ts.path("num_inference_steps").asInt(), ts.path("jump_length").asInt(10),
                ts.path("jump_n_sample").asInt(10));
        JsonNode in = m.path("inputs");
        Shape shape = shapeOf(in.path("sample").path("shape"));
        float[] modelOutput = data(dir.resolve(in.path("model_output").path("file").asText()));
        int outChannels = modelOutput.length / (shape.batch() * shape.pixels());
        float[] noise = data(dir.resolve(m.path("noise").path("file").asText()));
        float[] prev = new float[shape.size()];
        float[] x0 = new float[shape.size()];
        scheduler.step(modelOutput, outChannels, m.path("timestep").asInt(),
                data(dir.resolve(in.path("sample").path("file").asText())),
                data(dir.resolve(in.path("original_image").path("file").asText())),
                data(dir.resolve(in.path("mask").path("file").asText())),
                shape, new ReplayNoise(noise, shape.size()), prev, x0);
        JsonNode out = m.path("outputs");
        double p = Compare.worstToleranceRatio(prev, expected(dir.resolve(out.path("prev_sample").path("file").asText()), prev.length),
                STEP_TOLERANCE, STEP_TOLERANCE);
        double x = Compare.worstToleranceRatio(x0,
                expected(dir.resolve(out.path("pred_original_sample").path("file").asText()), x0.length),
                STEP_TOLERANCE, STEP_TOLERANCE);
        if (p > 1 || x > 1) {
            return Verdict.fail(String.format("prev_sample at %.3g× tolerance, pred_original_sample at %.3g× tolerance", p, x));
        }
        return Verdict.ok(String.format("prev_sample at %.3g× tolerance, pred_original_sample at %.3g× tolerance", p, x));
    }

    private Verdict checkUndo(Path dir) {
        JsonNode m = readJson(dir.resolve("manifest.json"));
        DiffusersRePaintScheduler scheduler = new DiffusersRePaintScheduler(
                SchedulerConfig.fromJson(m.path("scheduler_config")), 0);
        JsonNode ts = m.path("set_timesteps");
        scheduler.setTimesteps(ts.path("num_inference_steps").asInt(), ts.path("jump_length").asInt(10),
                ts.path("jump_n_sample").asInt(10));
        JsonNode in = m.path("inputs");
        Shape shape = shapeOf(in.path("sample").path("shape"));
        float[] x = data(dir.resolve(in.path("sample").path("file").asText()));
        float[] noise = data(dir.resolve(m.path("noise").path("file").asText()));
        ReplayNoise replay = new ReplayNoise(noise, shape.size());
        scheduler.undoStep(x, m.path("timestep").asInt(), shape, replay);
        if (replay.drawsUsed() != replay.drawsRecorded()) {
            return Verdict.fail("used " + replay.drawsUsed() + " noise draws, diffusers made " + replay.drawsRecorded());
        }
        double d = Compare.maxAbs(x, expected(dir.resolve(
                m.path("outputs").path("undo_sample").path("file").asText()), x.length));
        return new Verdict(d <= STEP_TOLERANCE, String.format("undo_sample max abs diff %.3g (limit %.0e)", d, STEP_TOLERANCE));
    }

    // ---- UNet and pipeline ----

    private Verdict checkUnet(Path io) {
        JsonNode m = readJson(io.resolve("manifest.json"));
        OnnxDenoiser model = model(modelDir(m.path("model_dir").asText(), io.getParent()));
        JsonNode in = m.path("inputs");
        Shape shape = shapeOf(in.path("sample").path("shape"));
        float[] sample = data(io.resolve(in.path("sample").path("file").asText()));
        long[] t = RawTensors.readI64(io.resolve(in.path("timestep").path("file").asText()));
        float[] expected = data(io.resolve(m.path("outputs").path("out_sample").path("file").asText()));
        float[] actual = new float[expected.length];
        // Each batch element may have its own timestep: run them one at a time.
        int outPer = expected.length / shape.batch();
        Shape one = shape.withBatch(1);
        float[] out = new float[outPer];
        for (int n = 0; n < shape.batch(); n++) {
            float[] x = Arrays.copyOfRange(sample, n * one.size(), (n + 1) * one.size());
            model.predict(x, one, (int) t[t.length == 1 ? 0 : n], out);
            System.arraycopy(out, 0, actual, n * outPer, outPer);
        }
        double d = Compare.maxAbs(actual, expected);
        return new Verdict(d <= UNET_TOLERANCE, String.format("out_sample max abs diff %.3g (limit %.0e)", d, UNET_TOLERANCE));
    }

    private Verdict checkPipeline(Path dir) {
        JsonNode m = readJson(dir.resolve("manifest.json"));
        JsonNode files = m.path("files");
        JsonNode args = m.path("call_args");
        SchedulerConfig config = SchedulerConfig.fromJson(m.path("scheduler_config"));
        Shape shape = shapeOf(files.path("image").path("shape"));
        float[] image = data(dir.resolve(files.path("image").path("file").asText()));
        float[] mask = data(dir.resolve(files.path("mask").path("file").asText()));
        float[] noise = data(dir.resolve(files.path("noise").path("file").asText()));
        double eta = args.path("eta").asDouble(0);
        DiffusersSampler sampler = new DiffusersSampler(config, args.path("num_inference_steps").asInt(),
                args.path("jump_length").asInt(), args.path("jump_n_sample").asInt(), eta, shape);
        if (m.has("timesteps")) {
            String diff = compareInts(sampler.schedule().values(), ints(m.get("timesteps")));
            if (diff != null) {
                return Verdict.fail("timesteps: " + diff);
            }
        }
        OnnxDenoiser model = model(modelDir(m.path("unet_dir").asText(), null));
        List<float[]> x0s = new ArrayList<>();
        ReplayNoise replay = new ReplayNoise(noise, shape.size());
        // previewEvery = 1 reports the x0 estimate of every denoising step.
        PipelineListener collect = new PipelineListener() {
            @Override
            public void preview(Preview p) {
                if (!p.isFinal()) {
                    x0s.add(p.x0());
                }
            }
        };
        RePaintPipeline.Result result = new RePaintPipeline(model).run(
                new RePaintPipeline.Request(shape, image, mask, sampler, replay, 1),
                collect, CancelToken.none());
        List<String> problems = new ArrayList<>();
        List<String> measures = new ArrayList<>();
        if (replay.drawsUsed() != replay.drawsRecorded()) {
            problems.add("used " + replay.drawsUsed() + " noise draws of " + replay.drawsRecorded());
        }
        double raw = Compare.maxAbs(result.samples(),
                expected(dir.resolve(files.path("output_raw").path("file").asText()), result.samples().length));
        measures.add(String.format("output_raw %.2g", raw));
        if (raw > PIPELINE_TOLERANCE) {
            problems.add(String.format("output_raw max abs diff %.3g", raw));
        }
        if (files.has("pred_original_samples")) {
            float[] expected = data(dir.resolve(files.path("pred_original_samples").path("file").asText()));
            float[] actual = concatPerStep(x0s, shape);
            sameLength(expected, actual.length, dir.resolve(files.path("pred_original_samples").path("file").asText()));
            double r = Compare.worstToleranceRatio(actual, expected, PIPELINE_TOLERANCE, PIPELINE_TOLERANCE);
            measures.add(String.format("pred_original_samples %.3g× tol", r));
            if (r > 1) {
                problems.add(String.format("pred_original_samples at %.2f× tolerance", r));
            }
        }
        if (files.has("output_01")) {
            float[] nhwc = toNhwc01(result.samples(), shape);
            double d = Compare.maxAbs(nhwc, expected(dir.resolve(files.path("output_01").path("file").asText()), nhwc.length));
            measures.add(String.format("output_01 %.2g", d));
            if (d > PIPELINE_TOLERANCE) {
                problems.add(String.format("output_01 max abs diff %.3g", d));
            }
        }
        JsonNode images = m.path("images");
        if (images.has("output")) {
            int[] png = ImageFiles.readRgbPixels(dir.resolve(images.get("output").asText()));
            float[] nhwc = toNhwc01(result.samples(), shape);
            int worst = 0;
            for (int i = 0; i < shape.pixels(); i++) {
                for (int ch = 0; ch < 3; ch++) {
                    int ours = Math.round(nhwc[i * 3 + ch] * 255f);
                    int theirs = (png[i] >> (16 - 8 * ch)) & 0xFF;
                    worst = Math.max(worst, Math.abs(ours - theirs));
                }
            }
            measures.add("output.png ±" + worst);
            if (worst > 1) {
                problems.add("output.png differs by up to " + worst + " levels");
            }
        }
        String measured = "max abs diff: " + String.join(", ", measures);
        return problems.isEmpty() ? Verdict.ok(measured) : Verdict.fail(String.join("; ", problems));
    }

    /** Previews arrive step by step, sample by sample: that is already [steps, N, C, H, W] order. */
    private static float[] concatPerStep(List<float[]> perSamplePreviews, Shape shape) {
        int per = shape.sampleSize();
        float[] out = new float[perSamplePreviews.size() * per];
        for (int i = 0; i < perSamplePreviews.size(); i++) {
            System.arraycopy(perSamplePreviews.get(i), 0, out, i * per, per);
        }
        return out;
    }

    /** diffusers' output conversion: clamp(x / 2 + 0.5, 0, 1), NCHW to NHWC. */
    public static float[] toNhwc01(float[] x, Shape shape) {
        float[] out = new float[x.length];
        int hw = shape.pixels();
        for (int n = 0; n < shape.batch(); n++) {
            for (int ch = 0; ch < 3; ch++) {
                for (int p = 0; p < hw; p++) {
                    float v = x[(n * 3 + ch) * hw + p] / 2f + 0.5f;
                    out[(n * hw + p) * 3 + ch] = Math.max(0f, Math.min(1f, v));
                }
            }
        }
        return out;
    }

    /** Resolves a manifest's model reference by its last two components ("unet/<name>") under the root. */
    private Path modelDir(String reference, Path fallback) {
        if (reference != null && !reference.isBlank()) {
            String[] parts = reference.replace('\\', '/').split("/");
            if (parts.length >= 2) {
                return root.resolve(parts[parts.length - 2]).resolve(parts[parts.length - 1]);
            }
        }
        if (fallback != null) {
            return fallback;
        }
        throw new UserFacingException("The manifest names no model directory.");
    }

    private OnnxDenoiser model(Path dir) {
        return models.computeIfAbsent(dir.toAbsolutePath().normalize(),
                d -> OnnxDenoiser.open(d.resolve("model.onnx"), threads));
    }

    // ---- helpers ----

    private String rel(Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }

    private static Path file(Path dir, JsonNode manifest, String key) {
        return dir.resolve(manifest.path("files").path(key).path("file").asText(key + ".f32"));
    }

    private static List<Path> subdirs(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UserFacingException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    static JsonNode readJson(Path file) {
        JsonNode n;
        try {
            n = JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UserFacingException(unreadable(file) + " " + ErrorTranslator.json(e, file.getFileName()), e);
        } catch (IOException e) {
            throw new UserFacingException("Cannot read " + file + ".", e);
        }
        if (n == null || !n.isObject()) {
            throw new UserFacingException(unreadable(file) + " It is not a JSON object.");
        }
        return n;
    }

    private static String unreadable(Path file) {
        Path dir = file.getParent();
        return "The reference data " + (dir == null ? "" : dir.getFileName() + "/") + file.getFileName() + " is unreadable.";
    }

    /**
     * A reference tensor: float32 values, all finite, in a file the manifest names. Corrupt data is
     * reported as unreadable rather than compared (which would read as "off by Infinity").
     */
    private static float[] data(Path file) {
        if (Files.isDirectory(file)) {
            throw new UserFacingException("A manifest in " + file + " names no data file where one is needed.");
        }
        float[] values = RawTensors.readF32(file);
        for (float v : values) {
            if (!Float.isFinite(v)) {
                throw new UserFacingException(unreadable(file) + " It holds NaN or infinite values.");
            }
        }
        return values;
    }

    private static float[] expected(Path file, int length) {
        return sameLength(data(file), length, file);
    }

    /** The reference must hold as many values as the engine produced; otherwise it is unreadable, not "off". */
    private static float[] sameLength(float[] expected, int length, Path file) {
        if (expected.length != length) {
            throw new UserFacingException(unreadable(file) + " It holds " + expected.length + " values where "
                    + length + " are expected.");
        }
        return expected;
    }

    private static Shape shapeOf(JsonNode dims) {
        int[] d = ints(dims);
        if (d.length != 4) {
            throw new IllegalArgumentException("expected a 4-D shape, got " + Arrays.toString(d));
        }
        return new Shape(d[0], d[1], d[2], d[3]);
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    private static String compareInts(int[] actual, int[] expected) {
        if (actual.length != expected.length) {
            return "length " + actual.length + " != " + expected.length;
        }
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] != expected[i]) {
                return "entry " + i + ": " + actual[i] + " != " + expected[i];
            }
        }
        return null;
    }

    @Override
    public void close() {
        models.values().forEach(OnnxDenoiser::close);
        models.clear();
    }
}
