package org.repaintstudio.core.refine;

import java.awt.image.BufferedImage;

import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.tensor.FloatPlanes;

/**
 * Pictures at a level's resolution, as CHW float tensors in [-1, 1] over the level's canvas:
 * box-filtered from an image (each level pixel averages the image pixels under it), or bilinearly
 * enlarged from the previous level. Level pixels past the image edge repeat the nearest edge pixel.
 */
final class LevelImages {
    private LevelImages() {}

    /** The image averaged over each level pixel of {@code canvas} at {@code scale}. */
    static float[] boxAverage(BufferedImage image, int scale, Mask.Box canvas) {
        int w = image.getWidth();
        int h = image.getHeight();
        int cw = canvas.width();
        int hw = cw * canvas.height();
        float[] out = new float[3 * hw];
        int maxU = LevelTiling.ceilDiv(w, scale) - 1;
        int maxV = LevelTiling.ceilDiv(h, scale) - 1;
        int[] row = new int[w];
        for (int cy = 0; cy < canvas.height(); cy++) {
            int v = Math.max(0, Math.min(maxV, canvas.y() + cy));
            double[] sums = new double[3 * cw];
            int[] counts = new int[cw];
            for (int y = v * scale; y < Math.min(h, v * scale + scale); y++) {
                image.getRGB(0, y, w, 1, row, 0, w);
                for (int cx = 0; cx < cw; cx++) {
                    int u = Math.max(0, Math.min(maxU, canvas.x() + cx));
                    for (int x = u * scale; x < Math.min(w, u * scale + scale); x++) {
                        int p = row[x];
                        sums[cx] += (p >> 16) & 0xFF;
                        sums[cw + cx] += (p >> 8) & 0xFF;
                        sums[2 * cw + cx] += p & 0xFF;
                        counts[cx]++;
                    }
                }
            }
            for (int cx = 0; cx < cw; cx++) {
                for (int c = 0; c < 3; c++) {
                    out[c * hw + cy * cw + cx] = (float) (sums[c * cw + cx] / counts[cx] / 127.5 - 1);
                }
            }
        }
        return out;
    }

    /**
     * The previous level's picture (canvas {@code from} at {@code fromScale}) resampled bilinearly at
     * the centres of the level pixels of {@code to} at {@code toScale}.
     */
    static float[] enlarge(float[] prev, Mask.Box from, int fromScale, Mask.Box to, int toScale) {
        int tw = to.width();
        int thw = tw * to.height();
        int fhw = from.width() * from.height();
        float[] out = new float[3 * thw];
        double ratio = toScale / (double) fromScale;
        for (int cy = 0; cy < to.height(); cy++) {
            double fy = FloatPlanes.clamp((to.y() + cy + 0.5) * ratio - 0.5 - from.y(), from.height());
            for (int cx = 0; cx < tw; cx++) {
                double fx = FloatPlanes.clamp((to.x() + cx + 0.5) * ratio - 0.5 - from.x(), from.width());
                for (int c = 0; c < 3; c++) {
                    out[c * thw + cy * tw + cx] = FloatPlanes.bilinear(prev, c * fhw, from.width(), from.height(), fx, fy);
                }
            }
        }
        return out;
    }

    /** {@code redraw ? start : known}, per pixel: the level's start image. */
    static float[] compose(float[] known, float[] start, boolean[] redraw) {
        int hw = redraw.length;
        float[] out = known.clone();
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < hw; p++) {
                if (redraw[p]) {
                    out[c * hw + p] = start[c * hw + p];
                }
            }
        }
        return out;
    }

    /** 1 where the level keeps the photo, 0 where it redraws (the RePaint keep-mask). */
    static float[] keepMask(boolean[] redraw) {
        float[] keep = new float[redraw.length];
        for (int p = 0; p < keep.length; p++) {
            keep[p] = redraw[p] ? 0f : 1f;
        }
        return keep;
    }
}
