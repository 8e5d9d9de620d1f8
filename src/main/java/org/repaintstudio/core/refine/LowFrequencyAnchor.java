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

    /**
     * {@code blur(start) + gain·(refined − blur(refined))} on redrawn pixels, in place; sigma in level
     * pixels. The gain caps the added detail at the detail of the photo's own pixels around the fill
     * (mean absolute high-pass over the canvas's known pixels), so that a prior from another domain
     * cannot paint texture sharper than its neighbourhood.
     */
    static void apply(float[] refined, float[] start, boolean[] redraw, int w, int h, double sigma) {
        if (sigma <= 0) {
            return;
        }
        float[] lowStart = blur(start, w, h, sigma);
        float[] lowRefined = blur(refined, w, h, sigma);
        float gain = detailGain(refined, lowRefined, start, lowStart, redraw);
        int hw = w * h;
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < hw; p++) {
                if (redraw[p]) {
                    int i = c * hw + p;
                    float v = lowStart[i] + gain * (refined[i] - lowRefined[i]);
                    refined[i] = Math.max(-1f, Math.min(1f, v));
                }
            }
        }
    }

    /** min(1, known pixels' mean |high-pass| / redrawn pixels' mean |high-pass|). */
    static float detailGain(float[] refined, float[] lowRefined, float[] start, float[] lowStart, boolean[] redraw) {
        int hw = redraw.length;
        double fill = 0;
        double known = 0;
        long nFill = 0;
        long nKnown = 0;
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < hw; p++) {
                int i = c * hw + p;
                if (redraw[p]) {
                    fill += Math.abs(refined[i] - lowRefined[i]);
                    nFill++;
                } else {
                    known += Math.abs(start[i] - lowStart[i]);
                    nKnown++;
                }
            }
        }
        if (nFill == 0 || nKnown == 0 || fill == 0) {
            return 1f;
        }
        return (float) Math.min(1.0, (known / nKnown) / (fill / nFill));
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
