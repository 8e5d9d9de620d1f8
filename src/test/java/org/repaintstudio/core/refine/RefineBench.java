package org.repaintstudio.core.refine;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import javax.imageio.ImageIO;

import org.repaintstudio.core.image.ImageFiles;
import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.inpaint.CropPlan;
import org.repaintstudio.core.inpaint.EngineListener;
import org.repaintstudio.core.inpaint.InpaintEngine;
import org.repaintstudio.core.inpaint.InpaintJob;
import org.repaintstudio.core.inpaint.InpaintOutcome;
import org.repaintstudio.core.inpaint.RePaintParameters;
import org.repaintstudio.core.model.LoadedModel;
import org.repaintstudio.core.sampler.SeededNoise;
import org.repaintstudio.core.task.CancelToken;

/**
 * Measurement harness, not a test: the Balanced coarse pass then the refinement on one photo, with
 * timings and UNet call counts, writing coarse.png and refined.png for photo_metrics.py.
 * <pre>java -cp 'target/classes:target/test-classes:target/lib/*' org.repaintstudio.core.refine.RefineBench \
 *   MODEL_DIR IMAGE MASK(white = fill) OUT_DIR [strength=0.4 steps=10 overlap=24 eta=0 dilation=3 blend=4
 *   batch=8 jump=1 nsample=1 coarse=PNG(reuse) seed=0 threads=2]</pre>
 */
public final class RefineBench {
    private RefineBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> kv = new HashMap<>();
        for (int i = 4; i < args.length; i++) {
            String[] p = args[i].split("=", 2);
            kv.put(p[0], p[1]);
        }
        Path out = Path.of(args[3]);
        Files.createDirectories(out);
        BufferedImage photo = ImageFiles.toRgb(ImageFiles.read(Path.of(args[1])));
        Mask mask = readMask(Path.of(args[2]));
        long seed = Long.parseLong(kv.getOrDefault("seed", "0"));
        try (LoadedModel model = LoadedModel.open(Path.of(args[0]), Integer.parseInt(kv.getOrDefault("threads", "2")))) {
            CropPlan crop = CropPlan.plan(mask, model.resolution(), CropPlan.DEFAULT_CONTEXT);
            BufferedImage coarse = coarse(model, photo, mask, seed, kv.get("coarse"), out);
            RefineOptions opts = options(kv);
            RefinePlan plan = RefinePlan.plan(mask, crop.scale(), crop.modelSize(), model.schedulerConfig(), opts);
            StringBuilder levels = new StringBuilder();
            for (RefineLevel l : plan.levels()) {
                levels.append(String.format(" L%d scale %d canvas %dx%d tiles %d;", l.index(), l.scale(),
                        l.canvas().width(), l.canvas().height(), l.tiles().size()));
            }
            System.out.printf("crop side %d scale %.2f;%s refine calls %d (denoise steps/level %d, start t %d)%n",
                    crop.side(), crop.scale(), levels, plan.totalCalls(), plan.schedule().denoiseCount(),
                    plan.schedule().startTimestep());
            long t0 = System.nanoTime();
            BufferedImage refined = Refiner.refine(photo, mask, coarse, plan, model.denoiser(),
                    new SeededNoise(seed + 1), RefineListener.NONE, CancelToken.none());
            System.out.printf("refine %.2f s%n", (System.nanoTime() - t0) / 1e9);
            ImageIO.write(refined, "png", out.resolve("refined.png").toFile());
        }
    }

    private static BufferedImage coarse(LoadedModel model, BufferedImage photo, Mask mask, long seed, String reuse,
                                        Path out) throws Exception {
        if (reuse != null) {
            return ImageFiles.toRgb(ImageIO.read(new File(reuse)));
        }
        RePaintParameters params = RePaintParameters.Preset.BALANCED.apply(RePaintParameters.defaults().withSeed(seed));
        long t0 = System.nanoTime();
        InpaintOutcome o = InpaintEngine.of(model).run(InpaintJob.of(photo, mask, params), EngineListener.NONE,
                CancelToken.none());
        System.out.printf("coarse Balanced: %d calls, %.2f s%n", o.stats().modelCalls(), (System.nanoTime() - t0) / 1e9);
        ImageIO.write(o.results().get(0), "png", out.resolve("coarse.png").toFile());
        return o.results().get(0);
    }

    private static Mask readMask(Path file) throws Exception {
        BufferedImage img = ImageIO.read(file.toFile());
        Mask m = new Mask(img.getWidth(), img.getHeight());
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                m.set(x, y, ((img.getRGB(x, y) >> 8) & 0xFF) > 127);
            }
        }
        return m;
    }

    private static RefineOptions options(Map<String, String> kv) {
        RefineOptions d = RefineOptions.defaults();
        return new RefineOptions(true,
                Double.parseDouble(kv.getOrDefault("strength", "" + d.strength())),
                Integer.parseInt(kv.getOrDefault("steps", "" + d.steps())),
                Integer.parseInt(kv.getOrDefault("jump", "" + d.jumpLength())),
                Integer.parseInt(kv.getOrDefault("nsample", "" + d.jumpNSample())),
                Double.parseDouble(kv.getOrDefault("eta", "" + d.eta())),
                Integer.parseInt(kv.getOrDefault("overlap", "" + d.overlap())),
                Integer.parseInt(kv.getOrDefault("dilation", "" + d.dilation())),
                Integer.parseInt(kv.getOrDefault("blend", "" + d.blendWidth())),
                Integer.parseInt(kv.getOrDefault("batch", "" + d.maxBatch())),
                Double.parseDouble(kv.getOrDefault("anchor", "" + d.anchorSigma())),
                Boolean.parseBoolean(kv.getOrDefault("grain", "" + d.copyGrain())));
    }
}
