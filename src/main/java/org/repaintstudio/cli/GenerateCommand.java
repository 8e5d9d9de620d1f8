package org.repaintstudio.cli;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.image.ImageGrid;
import org.repaintstudio.core.image.ImageWriters;
import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.inpaint.EngineListener;
import org.repaintstudio.core.inpaint.InpaintEngine;
import org.repaintstudio.core.inpaint.InpaintJob;
import org.repaintstudio.core.inpaint.InpaintOutcome;
import org.repaintstudio.core.inpaint.JobStage;
import org.repaintstudio.core.inpaint.RePaintParameters;
import org.repaintstudio.core.model.LoadedModel;
import org.repaintstudio.core.sampler.DiffusersMode;
import org.repaintstudio.core.sampler.PipelineListener.Progress;
import org.repaintstudio.core.sampler.SamplerRegistry;
import org.repaintstudio.core.task.CancelToken;

@Command(name = "generate", mixinStandardHelpOptions = true,
        header = "Draws unconditional samples from a model into one grid image.",
        description = {"Draws unconditional samples from a model (RePaint with nothing known and no resampling:",
                "DDIM with eta, ancestral-like at eta 1) and saves them as one grid image."})
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelMixin model;

    @Option(names = "--out", required = true, paramLabel = "PNG", description = "The grid image to write.")
    Path out;

    @Option(names = "--count", description = "Number of samples (default: ${DEFAULT-VALUE}).")
    int count = 64;

    @Option(names = "--columns", description = "Grid columns (default: ${DEFAULT-VALUE}).")
    int columns = 8;

    @Option(names = "--steps", description = "Denoising steps (default: ${DEFAULT-VALUE}).")
    int steps = 250;

    @Option(names = "--eta", description = "0 = deterministic DDIM, 1 = DDPM-like (default: ${DEFAULT-VALUE}).")
    double eta = 1.0;

    @Mixin
    RunMixin run;

    @Option(names = "--batch", description = "Samples per UNet call, 1.." + RePaintParameters.MAX_SAMPLES
            + " (default: ${DEFAULT-VALUE}).")
    int batch = 8;

    @Override
    public Integer call() {
        if (count < 1 || count > 1024 || columns < 1 || batch < 1 || batch > RePaintParameters.MAX_SAMPLES) {
            throw new UserFacingException("--count must be 1..1024, --columns at least 1 and --batch 1.."
                    + RePaintParameters.MAX_SAMPLES + ".");
        }
        if (!(eta >= 0 && eta <= 1)) {
            throw new UserFacingException("Eta must be between 0 and 1, not " + eta + ".");
        }
        if (!run.force && java.nio.file.Files.exists(out)) {
            throw new org.repaintstudio.core.io.AtomicFiles.ExistsException(out);
        }
        PrintWriter err = spec.commandLine().getErr();
        List<BufferedImage> samples = new ArrayList<>();
        long start = System.nanoTime();
        Map<String, String> meta = null;
        try (LoadedModel loaded = model.open(err)) {
            int r = loaded.resolution();
            if (steps < 2 || steps > loaded.schedulerConfig().numTrainTimesteps()) {
                throw new UserFacingException("Steps must be between 2 and " + loaded.schedulerConfig().numTrainTimesteps() + ".");
            }
            InpaintEngine engine = InpaintEngine.of(loaded);
            ConsoleProgress progress = ConsoleProgress.forStderr(err);
            for (int first = 0; first < count; first += batch) {
                int n = Math.min(batch, count - first);
                InpaintOutcome outcome = engine.run(job(r, n, run.seed + first), listener(progress, first, n),
                        CancelToken.none());
                samples.addAll(outcome.modelSpace());
                if (meta == null) {
                    meta = outcome.metadata();
                }
            }
            progress.finishLine();
            meta.remove("repaint.crop");
            meta.put("repaint.count", Integer.toString(count));
            ImageWriters.save(ImageGrid.tile(samples, columns, 2), out, meta, run.force);
        }
        spec.commandLine().getOut().println(out);
        err.printf(Locale.ROOT, "%d samples in %.1f s%n", count, (System.nanoTime() - start) / 1e9);
        err.flush();
        return 0;
    }

    /**
     * Nothing known and one pass (jump length and resamplings 1): plain reverse diffusion in
     * diffusers mode, the whole model-size square filled.
     */
    private InpaintJob job(int r, int n, long seed) {
        Mask all = new Mask(r, r);
        all.fillAll(true);
        RePaintParameters p = new RePaintParameters(SamplerRegistry.byId(DiffusersMode.ID), steps, 1, 1, eta, seed, n,
                null, 0);
        return InpaintJob.of(new BufferedImage(r, r, BufferedImage.TYPE_INT_RGB), all, p);
    }

    private EngineListener listener(ConsoleProgress progress, int done, int n) {
        return new EngineListener() {
            @Override
            public void progressed(JobStage stage, Progress p) {
                if (p.entry() % 10 == 0 || p.entry() + 1 == p.entries()) {
                    progress.progress((done + p.fraction() * n) / count,
                            String.format(Locale.ROOT, "samples %d-%d of %d", done + 1, done + n, count));
                }
            }
        };
    }
}
