package org.repaintstudio.core.refine;

import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.mask.DistanceField;
import org.repaintstudio.core.sampler.BiharmonicFill;

/**
 * Each level's start image where the hole is narrow at that level's scale. The coarse pass marks a
 * model pixel unknown if any image pixel under it is masked, so a 3-px scratch on a photo shrunk 8×
 * becomes an 8-px band the model invents from scratch, and a blob's rim is guessed one model pixel
 * too wide; each later level would inherit that guess, since it keeps its start's low frequencies
 * ({@link LowFrequencyAnchor}). Near known pixels a smooth fill from the level's own known pixels
 * (a thin-plate fill, {@link BiharmonicFill}, which continues the surrounding gradients across a scratch) is the better start, and it gets more accurate level by
 * level as the known pixels come closer; the level then adds texture on top of it. Deeper inside a
 * hole the coarser fill's layout wins, with a linear hand-over between the two. On the photo test
 * set's scratches this lowered the masked error on every photo (docs/photo-64.md).
 */
final class NarrowHoleStart {
    /** Level pixels from the nearest known pixel up to which the smooth fill is used alone. */
    static final float SMOOTH_UP_TO = 2f;
    /** Level pixels from the nearest known pixel beyond which the coarse fill is used alone. */
    static final float COARSE_FROM = 5f;
    /** Level pixels from known ones within which the smooth fill is solved as a thin plate, not averaged. */
    static final float THIN_PLATE_BAND = 12f;

    private NarrowHoleStart() {}

    /**
     * @param coarse the coarser fill at the level: the coarse pass's, or the previous level's, enlarged
     *               (CHW in [-1, 1])
     * @param known  the photo at the level (its values under the mask are ignored)
     * @param masked level pixels with any masked image pixel under them
     */
    static float[] blend(float[] coarse, float[] known, boolean[] masked, int width, int height) {
        int hw = width * height;
        float[] toKnown = DistanceField.of(masked, width, height, false);
        float[] smooth = new float[3 * hw];
        BiharmonicFill.fill(known, masked, toKnown, 3, height, width, THIN_PLATE_BAND, smooth);
        float[] out = coarse.clone();
        for (int p = 0; p < hw; p++) {
            if (!masked[p]) {
                continue;
            }
            float a = smoothWeight(toKnown[p]);
            for (int c = 0; c < 3; c++) {
                out[c * hw + p] = a * smooth[c * hw + p] + (1 - a) * coarse[c * hw + p];
            }
        }
        return out;
    }

    /** 1 up to {@link #SMOOTH_UP_TO}, 0 from {@link #COARSE_FROM}, linear between. */
    static float smoothWeight(float distance) {
        float a = (COARSE_FROM - distance) / (COARSE_FROM - SMOOTH_UP_TO);
        return Math.max(0f, Math.min(1f, a));
    }

    /** Level pixels of {@code canvas} at {@code scale} with any masked image pixel under them. */
    static boolean[] maskedAt(Mask mask, int scale, Mask.Box canvas) {
        boolean[] out = new boolean[canvas.width() * canvas.height()];
        for (int cy = 0; cy < canvas.height(); cy++) {
            for (int cx = 0; cx < canvas.width(); cx++) {
                out[cy * canvas.width() + cx] = anyMasked(mask, (canvas.x() + cx) * scale,
                        (canvas.y() + cy) * scale, scale);
            }
        }
        return out;
    }

    private static boolean anyMasked(Mask mask, int x0, int y0, int scale) {
        for (int y = Math.max(0, y0); y < Math.min(mask.height(), y0 + scale); y++) {
            for (int x = Math.max(0, x0); x < Math.min(mask.width(), x0 + scale); x++) {
                if (mask.isFill(x, y)) {
                    return true;
                }
            }
        }
        return false;
    }
}
