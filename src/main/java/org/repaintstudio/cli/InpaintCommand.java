package org.repaintstudio.cli;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Files;
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
import org.repaintstudio.core.io.AtomicFiles;
import org.repaintstudio.core.image.ImageFiles;
import org.repaintstudio.core.image.ImageWriters;
import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.image.MaskConvention;
import org.repaintstudio.core.image.MaskFiles;
import org.repaintstudio.core.image.MaskOps;
import org.repaintstudio.core.image.MaskPresets;
import org.repaintstudio.core.image.SoftMask;
import org.repaintstudio.core.inpaint.EngineListener;
import org.repaintstudio.core.inpaint.HoleAdvisor;
import org.repaintstudio.core.inpaint.InpaintEngine;
import org.repaintstudio.core.inpaint.InpaintJob;
import org.repaintstudio.core.inpaint.InpaintOutcome;
import org.repaintstudio.core.inpaint.PreviewPolicy;
import org.repaintstudio.core.inpaint.RePaintParameters;
import org.repaintstudio.core.inpaint.RePaintParameters.Preset;
import org.repaintstudio.core.model.LoadedModel;
import org.repaintstudio.core.sampler.SamplerRegistry;
import org.repaintstudio.core.inpaint.JobPlan;
import org.repaintstudio.core.inpaint.JobProgress;
import org.repaintstudio.core.refine.RefineOptions;
import org.repaintstudio.core.schedule.SchedulerConfig.VarianceType;
import org.repaintstudio.core.task.CancelToken;

@Command(name = "inpaint", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fills the masked part of an image with RePaint.",
                "The mask's white pixels are filled (use --mask-convention for other conventions).",
                "Images of any size work: a square around the mask is sent to the model and blended back;",
                "where that square was shrunk, refinement levels redraw the fill up to the photo's own resolution.",
                "A folder as --image (with --mask DIR or --mask-preset, and --out DIR) runs a batch.",
                "Masks match images by file name; existing results are skipped unless --force;",
                "--shard K/N takes a deterministic share of the folder."})
final class InpaintCommand implements Callable<Integer> {
    /** Exit code when the mask leaves nothing to do. */
    static final int NOTHING_TO_DO = 3;

    /** The widest blend band --blend-width accepts: wider bands only blur the photo around the fill. */
    static final int MAX_BLEND_WIDTH = 64;

    @Spec
    CommandSpec spec;

    @Option(names = "--image", required = true, paramLabel = "IN", description = "Input image (PNG, JPEG, BMP, GIF, WebP, TIFF), or a folder of them.")
    Path image;

    @Option(names = "--mask", paramLabel = "MASK", description = "Mask image of the same size (a folder of masks named like the images, for a batch).")
    Path mask;

    @Option(names = "--mask-preset", paramLabel = "NAME",
            description = "Instead of --mask, a mask from the RePaint paper: thin, thick, lines, sr, expand, half-left, half-right, half-top, half-bottom.")
    String maskPreset;

    @Option(names = "--out", required = true, paramLabel = "OUT", description = "Output PNG or JPEG (a folder for a batch); several samples become OUT-1.png, OUT-2.png, ...")
    Path out;

    @Mixin
    ModelMixin model;

    @Option(names = "--preset", paramLabel = "NAME", completionCandidates = PresetIds.class,
            description = "Sets steps, jumps and eta (explicit options win; default: the default preset): ${COMPLETION-CANDIDATES}.")
    String preset;

    @Option(names = "--steps", description = "Inference steps (default: the preset's).")
    Integer steps;

    @Option(names = "--jump-length", description = "Jump length j (default: the preset's).")
    Integer jumpLength;

    @Option(names = "--jump-n-sample", description = "Resamplings r (default: the preset's).")
    Integer jumpNSample;

    @Option(names = "--eta", description = "DDIM eta in diffusers mode, 0..1 (default: the preset's, 1.0; diffusers' own default is 0).")
    Double eta;

    @Mixin
    RunMixin run;

    @Option(names = "--refine", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Refine the fill up to the photo's own resolution where the model's square was shrunk (default: on; --no-refine for the coarse pass only).")
    boolean refine = true;

    @Option(names = "--copy-grain", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Give the refined fill the fine grain of the best-matching places around the hole (default: on; --no-copy-grain keeps the model's own, softer grain).")
    boolean copyGrain = true;

    @Option(names = "--refine-strength", paramLabel = "S",
            description = "How much each refinement level redraws, in (0, 1] (default: ${DEFAULT-VALUE}; higher adds more new detail).")
    double refineStrength = RefineOptions.defaults().strength();

    @Option(names = "--blend-width", paramLabel = "PX",
            description = "Width in pixels of the blend band outside the mask, 0 to 64, like diffusers' blur_factor (default: ${DEFAULT-VALUE}).")
    int blendWidth = RefineOptions.defaults().blendWidth();

    @Option(names = "--samples", description = "Number of samples (default: ${DEFAULT-VALUE}).")
    int samples = 1;

    @Option(names = "--mode", paramLabel = "MODE", description = "Sampler (default: the preset's): ${COMPLETION-CANDIDATES}.",
            completionCandidates = SamplerIds.class)
    String mode;

    @Option(names = "--variance", paramLabel = "TYPE", description = "Paper mode: fixed_small, fixed_large or learned_range (default: from the model).")
    String variance;

    @Option(names = "--mask-convention", paramLabel = "CONV", description = "white-fill (default), white-keep (diffusers) or known-255 (original RePaint).")
    String maskConvention = "white-fill";

    @Option(names = "--resize-mask", description = "Resize a mask of another size to the image (nearest neighbour).")
    boolean resizeMask;

    @Option(names = "--previews", paramLabel = "DIR", description = "Write x0 previews (model resolution) into this folder.")
    Path previews;

    @Option(names = "--every", paramLabel = "K", description = "Preview every K denoising steps (default: ${DEFAULT-VALUE}).")
    int every = 10;

    @Option(names = "--shard", paramLabel = "K/N", description = "Batch only: take shard K (0-based) of N, chosen by file name.")
    String shard;

    /** The --preset candidates. */
    static final class PresetIds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(Preset.values()).map(Preset::id).iterator();
        }
    }

    /** The --mode candidates, from the sampler registry. */
    static final class SamplerIds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return SamplerRegistry.all().stream().map(t -> t.id()).iterator();
        }
    }

    @Override
    public Integer call() {
        RePaintParameters params = parameters();
        if ((mask == null) == (maskPreset == null)) {
            throw new UserFacingException("Give either --mask or --mask-preset.");
        }
        if (Files.isDirectory(image)) {
            return new BatchRun(this, params).run();
        }
        if (shard != null) {
            throw new UserFacingException("--shard needs a folder of images as --image.");
        }
        return single(params);
    }

    private int single(RePaintParameters params) {
        PrintWriter err = spec.commandLine().getErr();
        List<Path> targets = outputPaths(out, params.samples());
        if (!run.force) {
            for (Path t : targets) {
                if (Files.exists(t)) {
                    throw new AtomicFiles.ExistsException(t);
                }
            }
        }
        BufferedImage input = ImageFiles.read(image);
        Mask m = readMask(mask, input, params.seed());
        if (m.isEmpty()) {
            err.println("Nothing to do: the mask marks no pixel to fill.");
            err.flush();
            return NOTHING_TO_DO;
        }
        MaskFiles.invertedWarning(m, MaskConvention.fromId(maskConvention)).ifPresent(w -> {
            err.println("Warning: " + w);
            err.flush();
        });
        if (m.isFull()) {
            err.println("The mask covers the whole image: generating a new image.");
        }
        try (LoadedModel loaded = model.open(err)) {
            InpaintEngine engine = InpaintEngine.of(loaded);
            HoleAdvisor.Advice advice = HoleAdvisor.advise(SoftMask.of(m), params, loaded.resolution());
            if (advice.changed()) {
                err.println(advice.note());
            }
            InpaintJob job = InpaintJob.of(input, m, advice.params()).withSource(image.getFileName().toString())
                    .withPreviews(previews == null ? PreviewPolicy.none() : PreviewPolicy.every(Math.max(1, every)))
                    .withRefine(refineOptions());
            JobPlan plan = engine.plan(job);
            err.printf(Locale.ROOT, "%s: %d×%d image, %.1f%% masked; model %s at %d px on %s; %s%n",
                    image.getFileName(), input.getWidth(), input.getHeight(), m.coverage() * 100, loaded.name(),
                    loaded.resolution(), loaded.execution().deviceName(), describe(plan));
            err.flush();
            createPreviewFolder();
            InpaintOutcome outcome = engine.run(job, listener(ConsoleProgress.forStderr(err)), CancelToken.none());
            write(outcome, targets);
            err.printf(Locale.ROOT, "Done in %.1f s (%d UNet calls; coarse pass %.1f ms per call).%n",
                    outcome.jobNanos() / 1e9, outcome.jobCalls(),
                    outcome.stats().modelNanos() / 1e6 / Math.max(1, outcome.stats().modelCalls()));
            err.flush();
        }
        return 0;
    }

    /** "95 UNet calls × 1 sample(s)", plus the refinement levels and their calls when there are any. */
    private static String describe(JobPlan plan) {
        String coarse = String.format(Locale.ROOT, "%d UNet calls × %d sample(s)", plan.coarseCalls(), plan.batch());
        if (!plan.refines()) {
            return coarse;
        }
        return String.format(Locale.ROOT, "coarse pass %s, then %d refinement level(s) of %d tiles in %d calls per sample",
                coarse, plan.refine().levels().size(), plan.refine().tileCount(), plan.refine().totalCalls());
    }

    /** The refinement settings from --refine, --refine-strength, --blend-width and --copy-grain. */
    RefineOptions refineOptions() {
        if (!(refineStrength > 0 && refineStrength <= 1)) {
            throw new UserFacingException("--refine-strength must lie in (0, 1], not " + refineStrength + ".");
        }
        if (blendWidth < 0 || blendWidth > MAX_BLEND_WIDTH) {
            throw new UserFacingException("--blend-width must lie between 0 and " + MAX_BLEND_WIDTH + " pixels, not "
                    + blendWidth + ".");
        }
        return RefineOptions.defaults().withEnabled(refine).withStrength(refineStrength).withBlendWidth(blendWidth)
                .withCopyGrain(copyGrain);
    }

    /** The mask from --mask (a file) or --mask-preset, at the image's size. */
    Mask readMask(Path maskFile, BufferedImage input, long seed) {
        Mask m = maskPreset != null
                ? MaskPresets.fromId(maskPreset).create(input.getWidth(), input.getHeight(), seed)
                : MaskFiles.read(maskFile, MaskConvention.fromId(maskConvention));
        if (m.width() != input.getWidth() || m.height() != input.getHeight()) {
            if (!resizeMask) {
                throw new UserFacingException("The mask is " + m.width() + "×" + m.height() + " pixels but the image is "
                        + input.getWidth() + "×" + input.getHeight() + "; use a mask of the same size (or --resize-mask).");
            }
            m = MaskOps.resizeNearest(m, input.getWidth(), input.getHeight());
        }
        return m;
    }

    private void createPreviewFolder() {
        if (previews != null) {
            try {
                Files.createDirectories(previews);
            } catch (java.io.IOException e) {
                throw new UserFacingException("Cannot create the previews folder " + previews + ".", e);
            }
        }
    }

    private EngineListener listener(ConsoleProgress progress) {
        return new EngineListener() {
            @Override
            public void jobProgressed(JobProgress p) {
                progress.progress(p);
            }

            @Override
            public void preview(Preview p) {
                if (previews != null) {
                    String name = String.format(Locale.ROOT, p.isFinal() ? "final-s%d.png" : "x0-step%04d-s%d.png",
                            p.isFinal() ? p.sample() + 1 : p.denoiseDone(), p.sample() + 1);
                    ImageWriters.save(p.modelSpace(), previews.resolve(name), Map.of(), true);
                }
            }
        };
    }

    void write(InpaintOutcome outcome, List<Path> targets) {
        PrintWriter stdout = spec.commandLine().getOut();
        for (int i = 0; i < targets.size(); i++) {
            ImageWriters.save(outcome.results().get(i), targets.get(i), outcome.metadata(i), run.force);
            stdout.println(targets.get(i));
        }
        stdout.flush();
    }

    /** The parameters: the preset (or the default preset), then any explicit option. */
    RePaintParameters parameters() {
        refineOptions();
        Preset base = preset == null ? Preset.DEFAULT : Preset.fromId(preset);
        VarianceType v = variance == null ? null : VarianceType.fromConfigName(variance);
        if (every < 0) {
            throw new UserFacingException("--every must be 0 or more.");
        }
        RePaintParameters p = new RePaintParameters(mode != null ? SamplerRegistry.byId(mode) : base.mode(),
                steps != null ? steps : base.steps(),
                jumpLength != null ? jumpLength : base.jumpLength(),
                jumpNSample != null ? jumpNSample : base.jumpNSample(),
                eta != null ? eta : base.eta(), run.seed, samples, v, previews == null ? 0 : Math.max(1, every));
        // Checked against the model's training steps once it is loaded; this catches the rest early.
        p.validate(Integer.MAX_VALUE);
        return p;
    }

    static List<Path> outputPaths(Path out, int samples) {
        String name = out.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (!(lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg"))) {
            throw new UserFacingException("The output " + name + " must end in .png, .jpg or .jpeg.");
        }
        if (samples == 1) {
            return List.of(out);
        }
        int dot = name.lastIndexOf('.');
        List<Path> paths = new ArrayList<>();
        for (int i = 1; i <= samples; i++) {
            paths.add(out.resolveSibling(name.substring(0, dot) + "-" + i + name.substring(dot)));
        }
        return paths;
    }
}
