package org.repaintstudio.core.sampler;

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
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                float own = Math.min(1f, weight[p]);
                for (int k = 0; k < c; k++) {
                    float gap = bilinear(coarse, k * ch2 * cw2, ch2, cw2, (y - 0.5f) / 2f, (x - 0.5f) / 2f);
                    float mine = weight[p] > 0 ? weighted[k * hw + p] / weight[p] : 0f;
                    colour[k * hw + p] = own * mine + (1f - own) * gap;
                }
            }
        }
        return colour;
    }

    private static float bilinear(float[] img, int offset, int h, int w, float y, float x) {
        float cy = Math.max(0f, Math.min(h - 1f, y));
        float cx = Math.max(0f, Math.min(w - 1f, x));
        int y0 = (int) cy;
        int x0 = (int) cx;
        int y1 = Math.min(h - 1, y0 + 1);
        int x1 = Math.min(w - 1, x0 + 1);
        float fy = cy - y0;
        float fx = cx - x0;
        float top = img[offset + y0 * w + x0] * (1 - fx) + img[offset + y0 * w + x1] * fx;
        float bottom = img[offset + y1 * w + x0] * (1 - fx) + img[offset + y1 * w + x1] * fx;
        return top * (1 - fy) + bottom * fy;
    }
}
