package org.repaintstudio.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.inpaint.RePaintParameters;
import org.repaintstudio.core.model.ModelRegistry;
import org.repaintstudio.core.model.LoadedModel;
import org.repaintstudio.core.sampler.DiffusersRePaintScheduler;
import org.repaintstudio.core.sampler.SeededNoise;
import org.repaintstudio.core.sampler.Shape;

@Command(name = "bench", mixinStandardHelpOptions = true,
        header = "Measures a model on this machine: time per UNet call and preset estimates.",
        description = {"Measures a model on this machine: median milliseconds per UNet call (after warm-up),",
                "the Java-side work per RePaint step, and the estimated time of the presets."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    ModelMixin model;

    @Option(names = "--batch", description = "Samples per UNet call (default: ${DEFAULT-VALUE}).")
    int batch = 1;


    @Option(names = "--calls", description = "Timed UNet calls, at least 10 (default: ${DEFAULT-VALUE}).")
    int calls = 20;

    @Option(names = "--warmup", description = "Untimed calls first (default: ${DEFAULT-VALUE}).")
    int warmup = 3;

    @Override
    public Integer call() {
        if (calls < 10) {
            throw new UserFacingException("--calls must be at least 10 for a stable median.");
        }
        if (batch < 1 || batch > RePaintParameters.MAX_SAMPLES) {
            throw new UserFacingException("--batch must be between 1 and " + RePaintParameters.MAX_SAMPLES + ".");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (LoadedModel loaded = model.open(spec.commandLine().getErr())) {
            int r = loaded.resolution();
            Shape shape = new Shape(batch, 3, r, r);
            int outC = loaded.denoiser().outputChannels();
            float[] x = new float[shape.size()];
            float[] eps = new float[batch * outC * r * r];
            SeededNoise noise = new SeededNoise(1);
            noise.next(x, batch);
            for (int i = 0; i < warmup; i++) {
                loaded.denoiser().predict(x, shape, 500, eps);
            }
            double[] ms = new double[calls];
            for (int i = 0; i < calls; i++) {
                long t0 = System.nanoTime();
                loaded.denoiser().predict(x, shape, 999 - i * 37 % 999, eps);
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            double median = ms.length % 2 == 1 ? ms[ms.length / 2] : (ms[ms.length / 2 - 1] + ms[ms.length / 2]) / 2;

            // Java-side work of the same loop, without the model: one step and one undo entry.
            DiffusersRePaintScheduler scheduler = new DiffusersRePaintScheduler(loaded.schedulerConfig(), 0);
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

            out.printf(Locale.ROOT, "model        %s (%d×%d, %d output channels), ONNX Runtime %d thread(s), batch %d%n",
                    loaded.name(), r, r, outC, loaded.denoiser().threads(), batch);
            out.printf(Locale.ROOT, "UNet call    median %.2f ms (min %.2f, max %.2f) over %d calls after %d warm-up%n",
                    median, ms[0], ms[ms.length - 1], calls, warmup);
            out.printf(Locale.ROOT, "Java step    %.3f ms per denoising step = %.1f%% of the UNet call%n",
                    stepMs, 100 * stepMs / median);
            out.printf(Locale.ROOT, "Java undo    %.3f ms per undo entry (%d re-noising draws)%n",
                    undoMs, scheduler.stepRatio());
            for (RePaintParameters.Preset p : RePaintParameters.Preset.values()) {
                RePaintParameters params = p.apply(RePaintParameters.defaults());
                var schedule = params.schedule(loaded.schedulerConfig());
                double ratioUndo = undoMs * (loaded.schedulerConfig().numTrainTimesteps() / p.steps())
                        / Math.max(1, scheduler.stepRatio());
                double totalMs = schedule.denoiseCount() * (median + stepMs) + schedule.undoCount() * ratioUndo;
                out.printf(Locale.ROOT, "estimate     %-8s %d/%d/%d: %d UNet calls, %d undo entries, about %s for %d sample(s)%n",
                        p.label(), p.steps(), p.jumpLength(), p.jumpNSample(), schedule.denoiseCount(),
                        schedule.undoCount(), ConsoleProgress.eta(java.time.Duration.ofMillis((long) totalMs)), batch);
            }
            out.flush();
        }
        return 0;
    }
}
