package org.repaintstudio.cli;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Files;
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
import org.repaintstudio.core.io.AtomicFiles;
import org.repaintstudio.core.image.ImageFiles;
import org.repaintstudio.core.image.ImageWriters;
import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.image.MaskConvention;
import org.repaintstudio.core.image.MaskFiles;
import org.repaintstudio.core.image.MaskOps;
import org.repaintstudio.core.image.MaskPresets;
import org.repaintstudio.core.inpaint.Inpainter;
import org.repaintstudio.core.inpaint.RePaintParameters;
import org.repaintstudio.core.model.ModelRegistry;
import org.repaintstudio.core.model.LoadedModel;
import org.repaintstudio.core.model.ModelFolder;
import org.repaintstudio.core.task.CancelToken;
import org.repaintstudio.core.task.CancelToken;
import org.repaintstudio.core.sampler.SeededNoise;
import org.repaintstudio.core.schedule.SchedulerConfig.VarianceType;

@Command(name = "inpaint", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fills the masked part of an image with RePaint.",
                "The mask's white pixels are filled (use --mask-convention for other conventions).",
                "Images of any size work: a square around the mask is sent to the model and blended back."})
final class InpaintCommand implements Callable<Integer> {
    /** Exit code when the mask leaves nothing to do. */
    static final int NOTHING_TO_DO = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--image", required = true, paramLabel = "IN", description = "Input image (PNG, JPEG, BMP, GIF, WebP, TIFF).")
    Path image;

    @Option(names = "--mask", paramLabel = "MASK", description = "Mask image of the same size.")
    Path mask;

    @Option(names = "--mask-preset", paramLabel = "NAME",
            description = "Instead of --mask, a mask from the RePaint paper: thin, thick, lines, sr, expand, half-left, half-right, half-top, half-bottom.")
    String maskPreset;

    @Option(names = "--out", required = true, paramLabel = "OUT", description = "Output PNG or JPEG; several samples become OUT-1.png, OUT-2.png, ...")
    Path out;

    @Option(names = "--model", paramLabel = "DIR", description = "Model folder or .onnx file (default: the bundled " + ModelRegistry.DEFAULT_MODEL + ").")
    Path model;

    @Option(names = "--preset", paramLabel = "NAME", description = "fast, balanced or paper: sets steps and jumps (explicit options win).")
    String preset;

    @Option(names = "--steps", description = "Inference steps (default 250).")
    Integer steps;

    @Option(names = "--jump-length", description = "Jump length j (default 10).")
    Integer jumpLength;

    @Option(names = "--jump-n-sample", description = "Resamplings r (default 10).")
    Integer jumpNSample;

    @Option(names = "--eta", description = "DDIM eta in diffusers mode, 0..1 (default: the preset's, 1.0; diffusers' own default is 0).")
    Double eta;

    @Option(names = "--seed", description = "Noise seed; the same seed gives the same result (default: ${DEFAULT-VALUE}).")
    long seed = 0;

    @Option(names = "--samples", description = "Number of samples (default: ${DEFAULT-VALUE}).")
    int samples = 1;

    @Option(names = "--mode", paramLabel = "diffusers|paper", description = "Sampler: diffusers (default) or paper.")
    String mode = "diffusers";

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

    @Option(names = "--threads", description = "ONNX Runtime threads (0 = one per core; default: ${DEFAULT-VALUE}).")
    int threads = 0;

    @Option(names = "--force", description = "Overwrite existing output files.")
    boolean force;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        RePaintParameters params = parameters();
        List<Path> targets = outputPaths(out, params.samples());
        if (!force) {
            for (Path t : targets) {
                if (Files.exists(t)) {
                    throw new AtomicFiles.ExistsException(t);
                }
            }
        }
        if ((mask == null) == (maskPreset == null)) {
            throw new UserFacingException("Give either --mask or --mask-preset.");
        }
        MaskConvention convention = MaskConvention.fromId(maskConvention);
        BufferedImage input = ImageFiles.read(image);
        Mask m = maskPreset != null
                ? MaskPresets.fromId(maskPreset).create(input.getWidth(), input.getHeight(), seed)
                : MaskFiles.read(mask, convention);
        if (m.width() != input.getWidth() || m.height() != input.getHeight()) {
            if (!resizeMask) {
                Inpainter.checkSizes(input, m);
            }
            m = MaskOps.resizeNearest(m, input.getWidth(), input.getHeight());
        }
        if (m.isEmpty()) {
            err.println("Nothing to do: the mask marks no pixel to fill.");
            err.flush();
            return NOTHING_TO_DO;
        }
        MaskFiles.invertedWarning(m, convention).ifPresent(w -> {
            err.println("Warning: " + w);
            err.flush();
        });
        if (m.isFull()) {
            err.println("The mask covers the whole image: generating a new image.");
        }
        Path modelPath = ModelRegistry.modelOrDefault(model);
        ModelFolder folder = ModelFolder.open(modelPath);
        ConsoleProgress progress = ConsoleProgress.forStderr(err);
        if (folder.needsConversion()) {
            err.println("Converting " + folder.displayName() + " to ONNX (once)...");
        }
        try (LoadedModel loaded = LoadedModel.open(folder, threads, progress, CancelToken.none())) {
            progress.finishLine();
            params.validate(loaded.schedulerConfig().numTrainTimesteps());
            Inpainter inpainter = new Inpainter(loaded.denoiser(), loaded.schedulerConfig(), loaded.resolution());
            int calls = params.modelCalls(loaded.schedulerConfig());
            err.printf(Locale.ROOT, "%s: %d×%d image, %.1f%% masked; model %s at %d px; %d UNet calls × %d sample(s)%n",
                    image.getFileName(), input.getWidth(), input.getHeight(), m.coverage() * 100, loaded.name(),
                    loaded.resolution(), calls, params.samples());
            err.flush();
            if (previews != null) {
                try {
                    Files.createDirectories(previews);
                } catch (java.io.IOException e) {
                    throw new UserFacingException("Cannot create the previews folder " + previews + ".", e);
                }
            }
            Inpainter.Listener listener = new Inpainter.Listener() {
                @Override
                public void progressed(Progress p) {
                    progress.progress(p);
                }

                @Override
                public void previewImage(int sample, int denoiseDone, BufferedImage modelSpace, boolean isFinal) {
                    if (previews != null) {
                        String name = String.format(Locale.ROOT, isFinal ? "final-s%d.png" : "x0-step%04d-s%d.png",
                                isFinal ? sample + 1 : denoiseDone, sample + 1);
                        ImageWriters.save(modelSpace, previews.resolve(name), Map.of(), true);
                    }
                }
            };
            Inpainter.Outcome outcome = inpainter.run(input, m, params, new SeededNoise(params.seed()), listener,
                    CancelToken.none());
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("Software", "RePaint Studio");
            meta.put("Source", image.getFileName().toString());
            meta.put("Model", loaded.name());
            params.describe().forEach((k, v) -> meta.put("repaint." + k, v));
            for (int i = 0; i < targets.size(); i++) {
                Map<String, String> sampleMeta = new LinkedHashMap<>(meta);
                sampleMeta.put("repaint.sample", Integer.toString(i + 1));
                ImageWriters.save(outcome.results().get(i), targets.get(i), sampleMeta, force);
                stdout.println(targets.get(i));
            }
            stdout.flush();
            err.printf(Locale.ROOT, "Done in %.1f s (%d UNet calls, %.1f ms each).%n",
                    outcome.stats().totalNanos() / 1e9, outcome.stats().modelCalls(),
                    outcome.stats().modelNanos() / 1e6 / Math.max(1, outcome.stats().modelCalls()));
            err.flush();
        }
        return 0;
    }

    private RePaintParameters parameters() {
        RePaintParameters.Preset base = preset == null ? RePaintParameters.Preset.PAPER : RePaintParameters.Preset.fromId(preset);
        RePaintParameters.Mode m = switch (mode.trim().toLowerCase(Locale.ROOT)) {
            case "diffusers" -> RePaintParameters.Mode.DIFFUSERS;
            case "paper" -> RePaintParameters.Mode.PAPER;
            default -> throw new UserFacingException("--mode must be diffusers or paper, not '" + mode + "'.");
        };
        VarianceType v = variance == null ? null : VarianceType.fromConfigName(variance);
        if (every < 0) {
            throw new UserFacingException("--every must be 0 or more.");
        }
        RePaintParameters p = new RePaintParameters(m,
                steps != null ? steps : base.steps(),
                jumpLength != null ? jumpLength : base.jumpLength(),
                jumpNSample != null ? jumpNSample : base.jumpNSample(),
                eta != null ? eta : base.eta(), seed, samples, v, previews == null ? 0 : Math.max(1, every));
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
