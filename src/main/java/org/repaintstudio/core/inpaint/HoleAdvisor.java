package org.repaintstudio.core.inpaint;

import java.util.Locale;

import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.image.SoftMask;
import org.repaintstudio.core.mask.DistanceField;
import org.repaintstudio.core.sampler.PartialStartMode;
import org.repaintstudio.core.sampler.SamplingSettings;
import org.repaintstudio.core.schedule.SchedulerConfig;

/**
 * Picks a better run for narrow holes, measured in the fewer-calls study (docs/quality-vs-calls.md):
 * when every hole pixel lies within {@link #NARROW_RADIUS} model pixels of a known one (strokes,
 * scratches, a super-resolution grid), a Fast or Balanced run starts part-way down from a smooth
 * fill ({@link PartialStartMode}) and spends its calls on more steps and resamplings in the
 * low-noise part of the trajectory, where a narrow hole's content is decided, instead of on the
 * noisy top. On the emoji hold-out set this matched the old Balanced with Fast, and Balanced's error
 * at half its calls; on photos it brought fills close to their surroundings' colours. Wider holes,
 * where a smooth fill is a poor start, Paper, and hand-set parameters are left as chosen.
 */
public final class HoleAdvisor {
    /**
     * Widest distance from a hole pixel to the nearest known pixel, in model pixels, that counts as
     * narrow. The study's thick strokes reach 5 to 15; a partial start lost badly on one at 14.9.
     */
    public static final double NARROW_RADIUS = 12.0;
    /** The partial start's strength for narrow holes: the fraction of the trajectory walked. */
    public static final double NARROW_STRENGTH = 0.3;
    /** Steps of the whole trajectory for narrow holes, of which the last {@link #NARROW_STRENGTH} are walked. */
    public static final int NARROW_STEPS = 100;
    /** Jump length for narrow holes. */
    public static final int NARROW_JUMP_LENGTH = 5;
    /** Resamplings for narrow holes: with the steps above, 105 calls instead of Fast's 95 or Balanced's 460. */
    public static final int NARROW_RESAMPLINGS = 4;

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
        if (!advisable(chosen) || mask.isEmpty()) {
            return new Advice(chosen, "");
        }
        return advise(holeRadius(mask, modelSize), chosen);
    }

    /** The advice for a hole of this {@link #holeRadius} (NaN: no hole), for estimates planned beforehand. */
    public static Advice advise(double radius, RePaintParameters chosen) {
        if (!advisable(chosen) || !(radius <= NARROW_RADIUS)) {
            return new Advice(chosen, "");
        }
        RePaintParameters partial = new RePaintParameters(new PartialStartMode(NARROW_STRENGTH), NARROW_STEPS,
                NARROW_JUMP_LENGTH, NARROW_RESAMPLINGS, chosen.eta(), chosen.seed(), chosen.samples(), chosen.variance(),
                chosen.previewEvery());
        SchedulerConfig config = SchedulerConfig.defaults();
        return new Advice(partial, String.format(Locale.ROOT,
                "Narrow holes (at most %.1f model pixels from known ones): a partial start from a smooth fill, "
                        + "%d UNet calls instead of %d.", radius, calls(partial, config), calls(chosen, config)));
    }

    /** Fast and Balanced as their presets set them; Paper stays the paper's, and hand-set parameters stay as set. */
    private static boolean advisable(RePaintParameters p) {
        return RePaintParameters.Preset.FAST.matches(p) || RePaintParameters.Preset.BALANCED.matches(p);
    }

    private static int calls(RePaintParameters p, SchedulerConfig config) {
        return p.mode().schedule(new SamplingSettings(p.steps(), p.jumpLength(), p.jumpNSample(), p.eta(), null), config)
                .denoiseCount();
    }
}
