package org.repaintstudio.core.refine;

import java.util.List;

import org.repaintstudio.core.image.Mask;

/**
 * Joins the tiles of a level without seams: every denoising step fuses the tiles' noise predictions
 * into one canvas-wide prediction, weighting each tile by a raised-cosine window (largest in its
 * centre, near zero at its edges), and the scheduler steps the whole canvas at once. Overlapping tiles
 * thus share one sample and one noise draw, as in MultiDiffusion (Bar-Tal et al. 2023), so no tile
 * edge can show.
 */
final class TileBlend {
    private final Mask.Box canvas;
    private final int tile;
    private final float[] window;
    private final float[] weightSum;

    TileBlend(Mask.Box canvas, List<Mask.Box> tiles, int tile) {
        this.canvas = canvas;
        this.tile = tile;
        this.window = window(tile);
        this.weightSum = new float[canvas.width() * canvas.height()];
        for (Mask.Box t : tiles) {
            forEachPixel(t, (tp, cp) -> weightSum[cp] += window[tp]);
        }
    }

    /** Raised cosine over the tile, sin²(π(i + ½)/n) per axis: positive everywhere, sums smoothly under overlap. */
    static float[] window(int n) {
        float[] axis = new float[n];
        for (int i = 0; i < n; i++) {
            double s = Math.sin(Math.PI * (i + 0.5) / n);
            axis[i] = (float) (s * s);
        }
        float[] w = new float[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                w[y * n + x] = axis[y] * axis[x];
            }
        }
        return w;
    }

    /** Copies tile {@code t} of the canvas tensor into slot {@code slot} of a batch of tiles. */
    void extract(float[] canvasTensor, Mask.Box t, float[] batch, int slot) {
        int thw = tile * tile;
        int chw = canvas.width() * canvas.height();
        forEachPixel(t, (tp, cp) -> {
            for (int c = 0; c < 3; c++) {
                batch[(slot * 3 + c) * thw + tp] = canvasTensor[c * chw + cp];
            }
        });
    }

    /** Adds the first three channels of slot {@code slot} of a model output, weighted and normalised, into {@code fused}. */
    void accumulate(float[] modelOut, int outChannels, int slot, Mask.Box t, float[] fused) {
        int thw = tile * tile;
        int chw = canvas.width() * canvas.height();
        forEachPixel(t, (tp, cp) -> {
            float w = window[tp] / weightSum[cp];
            for (int c = 0; c < 3; c++) {
                fused[c * chw + cp] += w * modelOut[(slot * outChannels + c) * thw + tp];
            }
        });
    }

    private interface PixelPair {
        void at(int tilePixel, int canvasPixel);
    }

    private void forEachPixel(Mask.Box t, PixelPair action) {
        int cw = canvas.width();
        for (int y = 0; y < tile; y++) {
            int cy = t.y() + y - canvas.y();
            for (int x = 0; x < tile; x++) {
                action.at(y * tile + x, cy * cw + t.x() + x - canvas.x());
            }
        }
    }
}
