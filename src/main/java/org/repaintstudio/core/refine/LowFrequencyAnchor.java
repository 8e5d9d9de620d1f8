package org.repaintstudio.core.refine;

/**
 * Keeps a level's colours and layout where the previous level put them: the refined picture's low
 * frequencies (a Gaussian blur) are replaced by those of the level's start image, so the level only
 * adds the octave of detail that the previous, coarser level could not hold. A prior from another
 * domain then cannot drift the fill's colour (emoji-64 pulls flat areas towards white); the same
 * idea as StableSR's colour fix (Wang et al. 2023).
 */
final class LowFrequencyAnchor {
    private LowFrequencyAnchor() {}

    /** {@code refined + blur(start) − blur(refined)} on redrawn pixels, in place; sigma in level pixels. */
    static void apply(float[] refined, float[] start, boolean[] redraw, int w, int h, double sigma) {
        if (sigma <= 0) {
            return;
        }
        float[] lowStart = blur(start, w, h, sigma);
        float[] lowRefined = blur(refined, w, h, sigma);
        int hw = w * h;
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < hw; p++) {
                if (redraw[p]) {
                    int i = c * hw + p;
                    refined[i] = Math.max(-1f, Math.min(1f, refined[i] + lowStart[i] - lowRefined[i]));
                }
            }
        }
    }

    /** Separable Gaussian blur of a 3-channel w×h tensor, edges clamped. */
    static float[] blur(float[] t, int w, int h, double sigma) {
        float[] kernel = kernel(sigma);
        int r = kernel.length / 2;
        int hw = w * h;
        float[] rows = new float[t.length];
        float[] out = new float[t.length];
        for (int c = 0; c < 3; c++) {
            int base = c * hw;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float s = 0;
                    for (int k = -r; k <= r; k++) {
                        s += kernel[k + r] * t[base + y * w + Math.max(0, Math.min(w - 1, x + k))];
                    }
                    rows[base + y * w + x] = s;
                }
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float s = 0;
                    for (int k = -r; k <= r; k++) {
                        s += kernel[k + r] * rows[base + Math.max(0, Math.min(h - 1, y + k)) * w + x];
                    }
                    out[base + y * w + x] = s;
                }
            }
        }
        return out;
    }

    private static float[] kernel(double sigma) {
        int r = Math.max(1, (int) Math.ceil(3 * sigma));
        float[] k = new float[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            sum += k[i + r] = (float) Math.exp(-i * i / (2 * sigma * sigma));
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= (float) sum;
        }
        return k;
    }
}
