package org.repaintstudio.core.sampler;

import org.repaintstudio.core.tensor.FloatPlanes;

/**
 * A cheap smooth fill of the unknown region (push-pull, Gortler et al. 1996): known pixels are
 * averaged down a pyramid by their keep weight, and each level's gaps are filled from the bilinearly
 * enlarged level above. The result equals the image where the keep mask is 1 and blends smoothly
 * into the hole; it costs a few passes over the image, no model call. A partial start noises it.
 */
public final class HoleFill {
    private HoleFill() {}

    /**
     * Fills one image. {@code image} is C×H×W at {@code imageOffset}, {@code keep} is H×W at
     * {@code keepOffset} (1 = known); writes C×H×W to {@code out} at {@code outOffset}.
     */
    public static void fill(float[] image, int imageOffset, float[] keep, int keepOffset, int c, int h, int w,
                            float[] out, int outOffset) {
        float[] weighted = new float[c * h * w];
        float[] weight = new float[h * w];
        for (int p = 0; p < h * w; p++) {
            float m = Math.max(0f, Math.min(1f, keep[keepOffset + p]));
            weight[p] = m;
            for (int ch = 0; ch < c; ch++) {
                weighted[ch * h * w + p] = m * image[imageOffset + ch * h * w + p];
            }
        }
        float[] filled = pushPull(weighted, weight, c, h, w);
        System.arraycopy(filled, 0, out, outOffset, c * h * w);
    }

    /** Colours (weighted sums over weights) of one level, gaps filled from the coarser level. */
    private static float[] pushPull(float[] weighted, float[] weight, int c, int h, int w) {
        int hw = h * w;
        float[] colour = new float[c * hw];
        if (h == 1 && w == 1) {
            for (int ch = 0; ch < c; ch++) {
                colour[ch] = weight[0] > 0 ? weighted[ch] / weight[0] : 0f;
            }
            return colour;
        }
        int ch2 = (h + 1) / 2;
        int cw2 = (w + 1) / 2;
        float[] coarseWeighted = new float[c * ch2 * cw2];
        float[] coarseWeight = new float[ch2 * cw2];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int q = (y / 2) * cw2 + x / 2;
                coarseWeight[q] += weight[y * w + x];
                for (int k = 0; k < c; k++) {
                    coarseWeighted[k * ch2 * cw2 + q] += weighted[k * hw + y * w + x];
                }
            }
        }
        float[] coarse = pushPull(coarseWeighted, coarseWeight, c, ch2, cw2);
        for (int y = 0; y < h; y++) {
            double gy = FloatPlanes.clamp((y - 0.5) / 2, ch2);
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                float own = Math.min(1f, weight[p]);
                double gx = FloatPlanes.clamp((x - 0.5) / 2, cw2);
                for (int k = 0; k < c; k++) {
                    float gap = FloatPlanes.bilinear(coarse, k * ch2 * cw2, cw2, ch2, gx, gy);
                    float mine = weight[p] > 0 ? weighted[k * hw + p] / weight[p] : 0f;
                    colour[k * hw + p] = own * mine + (1f - own) * gap;
                }
            }
        }
        return colour;
    }
}
