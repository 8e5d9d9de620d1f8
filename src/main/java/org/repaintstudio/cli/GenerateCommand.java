package org.repaintstudio.cli;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.image.ImageGrid;
import org.repaintstudio.core.image.ImageWriters;
import org.repaintstudio.core.model.LoadedModel;
import org.repaintstudio.core.model.ModelRegistry;
import org.repaintstudio.core.task.CancelToken;
import org.repaintstudio.core.sampler.DiffusersSampler;
import org.repaintstudio.core.sampler.PipelineListener;
import org.repaintstudio.core.sampler.RePaintPipeline;
import org.repaintstudio.core.sampler.SeededNoise;
import org.repaintstudio.core.sampler.Shape;

@Command(name = "generate", mixinStandardHelpOptions = true,
        header = "Draws unconditional samples from a model into one grid image.",
        description = {"Draws unconditional samples from a model (RePaint with nothing known and no resampling:",
                "DDIM with eta, ancestral-like at eta 1) and saves them as one grid image."})
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", description = "Model folder or .onnx file (default: the bundled model).")
    Path model;

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

    @Option(names = "--seed", description = "Noise seed (default: ${DEFAULT-VALUE}).")
    long seed = 0;

    @Option(names = "--batch", description = "Samples per UNet call (default: ${DEFAULT-VALUE}).")
    int batch = 8;

    @Option(names = "--threads", description = "ONNX Runtime threads (0 = one per core).")
    int threads = 0;

    @Option(names = "--force", description = "Overwrite the output if it exists.")
    boolean force;

    @Override
    public Integer call() {
        if (count < 1 || count > 1024 || columns < 1 || batch < 1 || batch > 64) {
            throw new UserFacingException("--count must be 1..1024, --columns at least 1 and --batch 1..64.");
        }
        if (!(eta >= 0 && eta <= 1)) {
            throw new UserFacingException("Eta must be between 0 and 1, not " + eta + ".");
        }
        if (!force && java.nio.file.Files.exists(out)) {
            throw new org.repaintstudio.core.io.AtomicFiles.ExistsException(out);
        }
        PrintWriter err = spec.commandLine().getErr();
        List<BufferedImage> samples = new ArrayList<>();
        long start = System.nanoTime();
        try (LoadedModel loaded = LoadedModel.open(ModelRegistry.modelOrDefault(model), threads)) {
            int r = loaded.resolution();
            if (steps < 2 || steps > loaded.schedulerConfig().numTrainTimesteps()) {
                throw new UserFacingException("Steps must be between 2 and " + loaded.schedulerConfig().numTrainTimesteps() + ".");
            }
            ConsoleProgress progress = ConsoleProgress.forStderr(err);
            for (int first = 0; first < count; first += batch) {
                int n = Math.min(batch, count - first);
                Shape shape = new Shape(n, 3, r, r);
                // Nothing known and one pass (jump n sample 1): plain reverse diffusion.
                DiffusersSampler sampler = new DiffusersSampler(loaded.schedulerConfig(), steps, 1, 1, eta, shape);
                int done = first;
                RePaintPipeline.Result result = new RePaintPipeline(loaded.denoiser()).run(
                        new RePaintPipeline.Request(shape, new float[shape.sampleSize()], new float[shape.pixels()],
                                sampler, new SeededNoise(seed + first), 0),
                        new PipelineListener() {
                            @Override
                            public void progressed(Progress p) {
                                if (p.entry() % 10 == 0 || p.entry() + 1 == p.entries()) {
                                    progress.progress((done + p.fraction() * n) / count,
                                            String.format(Locale.ROOT, "samples %d-%d of %d", done + 1, done + n, count));
                                }
                            }
                        }, CancelToken.none());
                for (int i = 0; i < n; i++) {
                    samples.add(ImageGrid.fromTensor(result.samples(), r, r, i));
                }
            }
            progress.finishLine();
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("Software", "RePaint Studio");
            meta.put("Model", loaded.name());
            meta.put("repaint.steps", Integer.toString(steps));
            meta.put("repaint.eta", Double.toString(eta));
            meta.put("repaint.seed", Long.toString(seed));
            ImageWriters.save(ImageGrid.tile(samples, columns, 2), out, meta, force);
        }
        spec.commandLine().getOut().println(out);
        err.printf(Locale.ROOT, "%d samples in %.1f s%n", count, (System.nanoTime() - start) / 1e9);
        err.flush();
        return 0;
    }
}
