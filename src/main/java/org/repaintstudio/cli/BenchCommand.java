package org.repaintstudio.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

import ai.onnxruntime.OrtEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.inpaint.RePaintParameters;
import org.repaintstudio.core.model.LoadedModel;
import org.repaintstudio.core.model.ModelFolder;
import org.repaintstudio.core.model.ModelRegistry;
import org.repaintstudio.core.model.OnnxDenoiser;
import org.repaintstudio.core.model.OrtSessionTuning;
import org.repaintstudio.core.sampler.DiffusersRePaintScheduler;
import org.repaintstudio.core.sampler.SeededNoise;
import org.repaintstudio.core.sampler.Shape;
import org.repaintstudio.core.schedule.SchedulerConfig;
import org.repaintstudio.core.task.CancelToken;
import org.repaintstudio.core.task.ProgressListener;

@Command(name = "bench", mixinStandardHelpOptions = true,
        header = "Measures a model on this machine: time per UNet call and preset estimates.",
        description = {"Measures a model on this machine: median milliseconds per UNet call (after warm-up) with the",
                "ONNX Runtime settings used, the Java-side work per RePaint step, and the estimated time of the presets.",
                "--compare-baseline also runs the previous build's settings, call for call interleaved, and prints the ratio."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", description = "Model folder or .onnx file (default: the bundled model).")
    Path model;

    @Option(names = "--batch", description = "Samples per UNet call (default: ${DEFAULT-VALUE}).")
    int batch = 1;

    @Option(names = "--threads", description = "ONNX Runtime threads (0 = one per physical core; default: ${DEFAULT-VALUE}).")
    int threads = 0;

    @Option(names = "--calls", description = "Timed UNet calls, at least 10 (default: ${DEFAULT-VALUE}).")
    int calls = 20;

    @Option(names = "--warmup", description = "Untimed calls first (default: ${DEFAULT-VALUE}).")
    int warmup = 3;

    @Option(names = "--compare-baseline",
            description = "Also time the previous build's session settings, interleaved call for call with these.")
    boolean compareBaseline;

    @Option(names = "--spinning", paramLabel = "on|off", arity = "1",
            description = "Override whether idle ONNX Runtime threads spin (default: on below a load of twice the cores).")
    String spinning;

    @Option(names = "--fixed-batch", description = "Fix the session's batch axis to --batch.")
    boolean fixedBatch;

    @Option(names = "--no-graph-cache", description = "Optimise the graph at start instead of loading the cached one.")
    boolean noGraphCache;

    @Override
    public Integer call() {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        ModelFolder folder = ModelFolder.open(ModelRegistry.modelOrDefault(model));
        Path onnx = folder.ensureOnnx(ProgressListener.NONE, CancelToken.none());
        SchedulerConfig schedule = SchedulerConfig.fromJson(folder.schedulerConfig());
        double loadBefore = loadAverage();
        OrtEnvironment.getEnvironment(); // loads the native library now, so no session start below pays for it
        Opened tuned = Opened.open(onnx, tuning());
        Opened baseline = null;
        try {
            int r = resolution(tuned.denoiser, folder);
            Shape shape = new Shape(batch, 3, r, r);
            int outC = tuned.denoiser.outputChannels();
            if (compareBaseline) {
                baseline = Opened.open(onnx, OrtSessionTuning.previousBuild(threads));
            }
            CallTimes[] times = timeCalls(tuned, baseline, shape, outC);
            printCalls(out, folder, r, outC, tuned, baseline, times, loadBefore);
            printJavaWork(out, schedule, shape, outC, times[0].median());
            out.flush();
        } finally {
            tuned.denoiser.close();
            if (baseline != null) {
                baseline.denoiser.close();
            }
        }
        return 0;
    }

    private void validate() {
        if (calls < 10) {
            throw new UserFacingException("--calls must be at least 10 for a stable median.");
        }
        if (batch < 1 || batch > RePaintParameters.MAX_SAMPLES) {
            throw new UserFacingException("--batch must be between 1 and " + RePaintParameters.MAX_SAMPLES + ".");
        }
        if (spinning != null && !spinning.equals("on") && !spinning.equals("off")) {
            throw new UserFacingException("--spinning must be on or off, not '" + spinning + "'.");
        }
    }

    private OrtSessionTuning tuning() {
        OrtSessionTuning t = OrtSessionTuning.recommended(threads);
        if (spinning != null) {
            t = t.withSpinning(spinning.equals("on"));
        }
        if (fixedBatch) {
            t = t.withFixedBatch(batch);
        }
        return noGraphCache ? t.withCache(false) : t;
    }

    private static int resolution(OnnxDenoiser d, ModelFolder folder) {
        return d.fixedHeight() > 0 ? d.fixedHeight() : folder.resolution().orElse(LoadedModel.DEFAULT_RESOLUTION);
    }

    /** A denoiser and how long its session took to start. */
    private record Opened(OnnxDenoiser denoiser, double startMs) {
        static Opened open(Path onnx, OrtSessionTuning tuning) {
            long t0 = System.nanoTime();
            OnnxDenoiser d = OnnxDenoiser.open(onnx, tuning);
            return new Opened(d, (System.nanoTime() - t0) / 1e6);
        }
    }

    /** Milliseconds of each timed call, in the order they ran. */
    private record CallTimes(double[] ms) {
        double median() {
            double[] s = sorted();
            return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }

        double min() {
            return sorted()[0];
        }

        double max() {
            return sorted()[ms.length - 1];
        }

        private double[] sorted() {
            double[] s = ms.clone();
            Arrays.sort(s);
            return s;
        }
    }

    /**
     * Times the tuned session, and the baseline if given, alternating which goes first in each round so
     * that neither always runs on a cache the other just warmed or in a quiet moment the other ended.
     */
    private CallTimes[] timeCalls(Opened tuned, Opened baseline, Shape shape, int outC) {
        float[] x = new float[shape.size()];
        float[] eps = new float[shape.batch() * outC * shape.pixels()];
        new SeededNoise(1).next(x, shape.batch());
        for (int i = 0; i < warmup; i++) {
            tuned.denoiser.predict(x, shape, 500, eps);
            if (baseline != null) {
                baseline.denoiser.predict(x, shape, 500, eps);
            }
        }
        double[] mine = new double[calls];
        double[] theirs = new double[calls];
        for (int i = 0; i < calls; i++) {
            int t = 999 - i * 37 % 999;
            boolean baselineFirst = baseline != null && i % 2 == 1;
            if (baselineFirst) {
                theirs[i] = timeOne(baseline.denoiser, x, shape, t, eps);
            }
            mine[i] = timeOne(tuned.denoiser, x, shape, t, eps);
            if (baseline != null && !baselineFirst) {
                theirs[i] = timeOne(baseline.denoiser, x, shape, t, eps);
            }
        }
        return baseline == null ? new CallTimes[] {new CallTimes(mine)}
                : new CallTimes[] {new CallTimes(mine), new CallTimes(theirs)};
    }

    private static double timeOne(OnnxDenoiser d, float[] x, Shape shape, int t, float[] eps) {
        long t0 = System.nanoTime();
        d.predict(x, shape, t, eps);
        return (System.nanoTime() - t0) / 1e6;
    }

    private void printCalls(PrintWriter out, ModelFolder folder, int r, int outC, Opened tuned, Opened baseline,
            CallTimes[] times, double loadBefore) {
        out.printf(Locale.ROOT, "model        %s (%d×%d, %d output channels), batch %d, %d logical CPU(s)%n",
                folder.displayName(), r, r, outC, batch, Runtime.getRuntime().availableProcessors());
        printSide(out, "UNet call   ", "this build", tuned, times[0]);
        if (baseline != null) {
            printSide(out, "baseline    ", "previous build", baseline, times[1]);
            out.printf(Locale.ROOT, "speed-up     %.2f× by median, %.2f× by min, %.2f× session start (same run, interleaved)%n",
                    times[1].median() / times[0].median(), times[1].min() / times[0].min(), baseline.startMs / tuned.startMs);
        }
        out.printf(Locale.ROOT, "load         1-min load average %.2f before, %.2f after%n", loadBefore, loadAverage());
    }

    private void printSide(PrintWriter out, String label, String who, Opened side, CallTimes t) {
        out.printf(Locale.ROOT, "settings     %s: ONNX Runtime %s%n", who, side.denoiser.tuning().describe());
        out.printf(Locale.ROOT, "%s median %.2f ms (min %.2f, max %.2f) over %d calls after %d warm-up; session start %.0f ms%n",
                label, t.median(), t.min(), t.max(), calls, warmup, side.startMs);
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Java-side work of the same loop without the model: one step and one undo entry, and the preset estimates. */
    private void printJavaWork(PrintWriter out, SchedulerConfig config, Shape shape, int outC, double callMs) {
        int r = shape.height();
        SeededNoise noise = new SeededNoise(1);
        float[] x = new float[shape.size()];
        float[] eps = new float[shape.batch() * outC * shape.pixels()];
        noise.next(x, shape.batch());
        DiffusersRePaintScheduler scheduler = new DiffusersRePaintScheduler(config, 0);
        scheduler.setTimesteps(250, 10, 10);
        float[] original = new float[3 * r * r];
        float[] keep = new float[r * r];
        Arrays.fill(keep, 0, keep.length / 2, 1f);
        float[] prev = new float[shape.size()];
        float[] x0 = new float[shape.size()];
        int reps = 200;
        for (int i = 0; i < reps; i++) {
            scheduler.step(eps, outC, 500, x, original, keep, shape, noise, prev, x0);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            scheduler.step(eps, outC, 500, x, original, keep, shape, noise, prev, x0);
            System.arraycopy(prev, 0, x, 0, x.length);
        }
        double stepMs = (System.nanoTime() - t0) / 1e6 / reps;
        t0 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            scheduler.undoStep(x, 400, shape, noise);
        }
        double undoMs = (System.nanoTime() - t0) / 1e6 / reps;
        out.printf(Locale.ROOT, "Java step    %.3f ms per denoising step = %.1f%% of the UNet call%n", stepMs, 100 * stepMs / callMs);
        out.printf(Locale.ROOT, "Java undo    %.3f ms per undo entry (%d re-noising draws)%n", undoMs, scheduler.stepRatio());
        printEstimates(out, config, scheduler.stepRatio(), callMs + stepMs, undoMs);
    }

    private void printEstimates(PrintWriter out, SchedulerConfig config, int stepRatio, double stepMs, double undoMs) {
        for (RePaintParameters.Preset p : RePaintParameters.Preset.values()) {
            RePaintParameters params = p.apply(RePaintParameters.defaults());
            var schedule = params.schedule(config);
            double ratioUndo = undoMs * (config.numTrainTimesteps() / p.steps()) / Math.max(1, stepRatio);
            double totalMs = schedule.denoiseCount() * stepMs + schedule.undoCount() * ratioUndo;
            out.printf(Locale.ROOT, "estimate     %-8s %d/%d/%d: %d UNet calls, %d undo entries, about %s for %d sample(s)%n",
                    p.label(), p.steps(), p.jumpLength(), p.jumpNSample(), schedule.denoiseCount(),
                    schedule.undoCount(), ConsoleProgress.eta(java.time.Duration.ofMillis((long) totalMs)), batch);
        }
    }
}
