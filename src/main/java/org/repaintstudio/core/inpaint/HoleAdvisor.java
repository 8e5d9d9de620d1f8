package org.repaintstudio.core.inpaint;

import java.util.Locale;

import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.image.SoftMask;
import org.repaintstudio.core.mask.DistanceField;
import org.repaintstudio.core.sampler.PartialStartMode;
import org.repaintstudio.core.sampler.SamplingSettings;
import org.repaintstudio.core.schedule.SchedulerConfig;

/**
 * Picks a cheaper run for narrow holes where the fewer-calls study measured no loss
 * (docs/quality-vs-calls.md): when every hole pixel lies within {@link #NARROW_RADIUS} model pixels
 * of a known one (thin strokes, scratches, a super-resolution grid), a Fast run starts part-way
 * down from a smooth fill ({@link PartialStartMode}), with one more resampling, instead of from pure
 * noise: fewer calls and a lower error there. Other holes, and
 * parameters that are not the Fast preset, are left as chosen.
 */
public final class HoleAdvisor {
    /** Widest distance from a hole pixel to the nearest known pixel, in model pixels, that counts as narrow. */
    public static final double NARROW_RADIUS = 3.0;
    /** The partial start's strength for narrow holes: the fraction of the trajectory walked. */
    public static final double NARROW_STRENGTH = 0.5;
    /**
     * Resamplings for narrow holes: with the Fast steps and jump length, 65 calls instead of 95, and on
     * the study's narrow masks 10% lower masked MAE than Fast (docs/quality-vs-calls.md).
     */
    public static final int NARROW_RESAMPLINGS = 3;

    /** The parameters to run and one sentence on what was picked (empty when nothing changed). */
    public record Advice(RePaintParameters params, String note) {
        public boolean changed() {
            return !note.isEmpty();
        }
    }

    private HoleAdvisor() {}

    /** Distance, in model pixels, from the hole pixel deepest inside the hole to the nearest known pixel. */
    public static double holeRadius(SoftMask mask, int modelSize) {
        Mask hole = mask.support();
        int w = hole.width();
        int h = hole.height();
        byte[] known = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                known[y * w + x] = hole.isFill(x, y) ? 0 : (byte) 255;
            }
        }
        float[] distance = DistanceField.of(known, w, h, 128, true);
        double widest = 0;
        for (int i = 0; i < distance.length; i++) {
            if (known[i] == 0) {
                widest = Math.max(widest, distance[i]);
            }
        }
        CropPlan crop = InpaintEngine.cropPlan(hole, modelSize);
        return widest * modelSize / crop.side();
    }

    /** The advice for one run of {@code chosen} on {@code mask} with a model of this resolution. */
    public static Advice advise(SoftMask mask, RePaintParameters chosen, int modelSize) {
        if (!RePaintParameters.Preset.FAST.matches(chosen) || mask.isEmpty()) {
            return new Advice(chosen, "");
        }
        double radius = holeRadius(mask, modelSize);
        if (radius > NARROW_RADIUS) {
            return new Advice(chosen, "");
        }
        RePaintParameters partial = new RePaintParameters(new PartialStartMode(NARROW_STRENGTH), chosen.steps(),
                chosen.jumpLength(), NARROW_RESAMPLINGS, chosen.eta(), chosen.seed(), chosen.samples(), chosen.variance(),
                chosen.previewEvery());
        SchedulerConfig config = SchedulerConfig.defaults();
        return new Advice(partial, String.format(Locale.ROOT,
                "Narrow holes (at most %.1f model pixels from known ones): a partial start from a smooth fill, "
                        + "%d UNet calls instead of %d.", radius, calls(partial, config), calls(chosen, config)));
    }

    private static int calls(RePaintParameters p, SchedulerConfig config) {
        return p.mode().schedule(new SamplingSettings(p.steps(), p.jumpLength(), p.jumpNSample(), p.eta(), null), config)
                .denoiseCount();
    }
}
