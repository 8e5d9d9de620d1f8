package org.repaintstudio.cli;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.io.AtomicFiles;
import org.repaintstudio.core.image.ImageFiles;
import org.repaintstudio.core.image.ImageGrid;
import org.repaintstudio.core.image.ImageWriters;
import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.image.MaskFiles;
import org.repaintstudio.core.image.MaskPresets;
import org.repaintstudio.core.inpaint.InpaintMetrics;
import org.repaintstudio.core.inpaint.EngineListener;
import org.repaintstudio.core.inpaint.InpaintEngine;
import org.repaintstudio.core.inpaint.InpaintJob;
import org.repaintstudio.core.inpaint.InpaintOutcome;
import org.repaintstudio.core.inpaint.JobStage;
import org.repaintstudio.core.inpaint.RePaintParameters;
import org.repaintstudio.core.sampler.PipelineListener.Progress;
import org.repaintstudio.core.sampler.SamplerRegistry;
import org.repaintstudio.core.model.LoadedModel;
import org.repaintstudio.core.task.CancelToken;

@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Inpaints a folder under the paper's masks and measures the error inside them.",
        description = {"Inpaints a folder of images at the model's resolution under the RePaint paper's masks and",
                "measures the error inside each mask (MAE and PSNR) against the true image, next to a",
                "mean-colour baseline. Writes results, masks, metrics.csv, summary.md and comparison grids."})
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--images", required = true, paramLabel = "DIR", description = "Folder of images (sorted by name).")
    Path images;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for results and reports.")
    Path out;

    @Option(names = "--limit", description = "Use the first N images (default: ${DEFAULT-VALUE}).")
    int limit = 64;

    @Option(names = "--masks", split = ",", description = "Mask presets (default: thin,thick,lines,sr,expand,half-left).")
    List<String> masks = List.of("thin", "thick", "lines", "sr", "expand", "half-left");

    @Option(names = "--preset", completionCandidates = InpaintCommand.PresetIds.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String preset = "balanced";

    @Option(names = "--mode", paramLabel = "MODE", description = "Sampler (default: the preset's): ${COMPLETION-CANDIDATES}.",
            completionCandidates = InpaintCommand.SamplerIds.class)
    String mode;

    @Option(names = "--eta", description = "DDIM eta in diffusers mode, 0..1 (default: the preset's, 1.0).")
    Double eta;

    @Mixin
    RunMixin run;

    @Mixin
    ModelMixin model;

    @Option(names = "--batch", description = "Images per UNet call, 1.." + RePaintParameters.MAX_SAMPLES
            + " (default: ${DEFAULT-VALUE}).")
    int batch = 8;

    @Option(names = "--sweep", paramLabel = "GRID", description = {"Instead of one preset, every setting of this grid "
            + "file (LABEL MODE STEPS JUMP N ETA a line) on the same images, masks and seeds; writes sweep.csv, sweep.md."})
    Path sweep;

    @Option(names = "--grid", description = "Images shown in the comparison grids (default: ${DEFAULT-VALUE}).")
    int grid = 16;


    private record Case(String image, String mask, String method, double mae, double psnr) {}

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        long seed = run.seed;
        if (batch < 1 || batch > RePaintParameters.MAX_SAMPLES) {
            throw new UserFacingException("--batch must be between 1 and " + RePaintParameters.MAX_SAMPLES + ".");
        }
        if (sweep != null) {
            return SweepRun.run(this, sweep);
        }
        RePaintParameters params = RePaintParameters.Preset.fromId(preset).apply(RePaintParameters.defaults())
                .withSeed(seed);
        if (mode != null) {
            params = params.withMode(SamplerRegistry.byId(mode));
        }
        if (eta != null) {
            params = params.withEta(eta);
        }
        List<Path> files = imageFiles();
        List<MaskPresets> presets = masks.stream().map(MaskPresets::fromId).toList();
        if (Files.exists(out.resolve("metrics.csv")) && !run.force) {
            throw new AtomicFiles.ExistsException(out.resolve("metrics.csv"));
        }
        List<Case> cases = new ArrayList<>();
        long start = System.nanoTime();
        long modelNanos = 0;
        int runs = 0;
        try (LoadedModel loaded = model.open(err)) {
            InpaintEngine engine = InpaintEngine.of(loaded);
            params.validate(loaded.schedulerConfig().numTrainTimesteps());
            List<BufferedImage> truth = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (Path f : files) {
                truth.add(ImageFiles.read(f));
                names.add(f.getFileName().toString().replaceFirst("\\.[^.]+$", ""));
            }
            Map<MaskPresets, List<BufferedImage>> results = new LinkedHashMap<>();
            Map<MaskPresets, List<Mask>> maskImages = new LinkedHashMap<>();
            ConsoleProgress progress = ConsoleProgress.forStderr(err);
            int total = presets.size() * truth.size();
            int done = 0;
            for (MaskPresets preset : presets) {
                List<Mask> ms = new ArrayList<>();
                for (int i = 0; i < truth.size(); i++) {
                    ms.add(preset.create(truth.get(i).getWidth(), truth.get(i).getHeight(), seed + i));
                }
                maskImages.put(preset, ms);
                List<BufferedImage> filled = new ArrayList<>();
                for (int first = 0; first < truth.size(); first += batch) {
                    int n = Math.min(batch, truth.size() - first);
                    // Images of one batch share each UNet call and the noise of seed + first.
                    List<InpaintJob> jobs = new ArrayList<>();
                    for (int k = 0; k < n; k++) {
                        jobs.add(InpaintJob.of(truth.get(first + k), ms.get(first + k),
                                params.withSeed(seed + first)));
                    }
                    String label = String.format(Locale.ROOT, "%s: images %d-%d of %d", preset.id(), first + 1,
                            first + n, truth.size());
                    int doneBefore = done;
                    List<InpaintOutcome> outs = engine.runBatch(jobs, new EngineListener() {
                        @Override
                        public void progressed(JobStage stage, Progress p) {
                            if (p.entry() % 20 == 0) {
                                progress.progress((doneBefore + p.fraction() * n) / total, label);
                            }
                        }
                    }, CancelToken.none());
                    outs.forEach(o -> filled.add(o.results().get(0)));
                    modelNanos += outs.get(0).stats().modelNanos();
                    runs++;
                    done += n;
                }
                results.put(preset, filled);
                for (int i = 0; i < truth.size(); i++) {
                    String name = names.get(i);
                    Mask mask = ms.get(i);
                    ImageWriters.save(filled.get(i), out.resolve("results").resolve(preset.id()).resolve(name + ".png"),
                            Map.of(), true);
                    MaskFiles.write(mask, out.resolve("masks").resolve(preset.id()).resolve(name + ".png"), true);
                    InpaintMetrics.Score sc = InpaintMetrics.score(filled.get(i), truth.get(i), mask);
                    cases.add(new Case(name, preset.id(), "repaint", sc.mae(), sc.psnr()));
                    InpaintMetrics.Score b = InpaintMetrics.score(InpaintMetrics.meanColourFill(truth.get(i), mask),
                            truth.get(i), mask);
                    cases.add(new Case(name, preset.id(), "mean-colour", b.mae(), b.psnr()));
                }
            }
            progress.finishLine();
            writeGrids(truth, names, maskImages, results);
        }
        writeMetrics(cases);
        String summary = summary(cases, presets, params, files.size(), (System.nanoTime() - start) / 1e9);
        AtomicFiles.write(out.resolve("summary.md"), true, o -> o.write(summary.getBytes(StandardCharsets.UTF_8)));
        spec.commandLine().getOut().print(summary);
        spec.commandLine().getOut().flush();
        err.printf(Locale.ROOT, "%d runs, %.1f s in the model%n", runs, modelNanos / 1e9);
        return 0;
    }

    List<Path> imageFiles() throws IOException {
        if (!Files.isDirectory(images)) {
            throw new UserFacingException(images + " is not a folder.");
        }
        try (Stream<Path> s = Files.list(images)) {
            List<Path> all = s.filter(Files::isRegularFile).filter(ImageFiles::hasImageExtension).sorted().limit(limit).toList();
            if (all.isEmpty()) {
                throw new UserFacingException(images + " holds no images.");
            }
            return all;
        }
    }

    /** Rows: the first images; columns: the original, then masked input and result per mask type. */
    private void writeGrids(List<BufferedImage> truth, List<String> names, Map<MaskPresets, List<Mask>> masks,
                            Map<MaskPresets, List<BufferedImage>> results) {
        int rows = Math.min(grid, truth.size());
        if (rows == 0) {
            return;
        }
        List<BufferedImage> cells = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            cells.add(truth.get(i));
            for (MaskPresets p : masks.keySet()) {
                cells.add(masked(truth.get(i), masks.get(p).get(i)));
                cells.add(results.get(p).get(i));
            }
        }
        ImageWriters.save(ImageGrid.tile(cells, 1 + 2 * masks.size(), 2), out.resolve("grid.png"),
                Map.of("Columns", "original, then masked input and RePaint result for: "
                        + String.join(", ", masks.keySet().stream().map(MaskPresets::id).toList())), true);
    }

    /** The input as the model sees it: masked pixels shown in mid grey. */
    private static BufferedImage masked(BufferedImage img, Mask mask) {
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                out.setRGB(x, y, mask.isFill(x, y) ? Color.GRAY.getRGB() & 0xFFFFFF : img.getRGB(x, y));
            }
        }
        return out;
    }

    private void writeMetrics(List<Case> cases) {
        StringBuilder csv = new StringBuilder("image,mask,method,mae,psnr\n");
        for (Case c : cases) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%s,%.4f,%.4f%n", c.image(), c.mask(), c.method(), c.mae(), c.psnr()));
        }
        AtomicFiles.write(out.resolve("metrics.csv"), true, o -> o.write(csv.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static String summary(List<Case> cases, List<MaskPresets> presets, RePaintParameters p, int images,
                                  double seconds) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d images × %d masks, RePaint %s mode %d/%d/%d, eta %s, seed %d, %.0f s%n%n",
                images, presets.size(), p.mode().id(), p.steps(), p.jumpLength(), p.jumpNSample(), p.eta(), p.seed(),
                seconds));
        sb.append("| mask | RePaint MAE | RePaint PSNR | mean-colour MAE | mean-colour PSNR |\n");
        sb.append("| --- | --- | --- | --- | --- |\n");
        for (MaskPresets m : presets) {
            double[] r = mean(cases, m.id(), "repaint");
            double[] b = mean(cases, m.id(), "mean-colour");
            sb.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f |%n", m.id(), r[0], r[1], b[0], b[1]));
        }
        return sb.toString();
    }

    /** Mean MAE and mean PSNR (finite values) of one mask and method. */
    private static double[] mean(List<Case> cases, String mask, String method) {
        double mae = 0;
        double psnr = 0;
        int n = 0;
        int np = 0;
        for (Case c : cases) {
            if (c.mask().equals(mask) && c.method().equals(method)) {
                mae += c.mae();
                n++;
                if (Double.isFinite(c.psnr())) {
                    psnr += c.psnr();
                    np++;
                }
            }
        }
        return new double[] {n == 0 ? 0 : mae / n, np == 0 ? 0 : psnr / np};
    }
}
