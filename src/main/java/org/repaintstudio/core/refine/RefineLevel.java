package org.repaintstudio.core.refine;

import java.util.List;

import org.repaintstudio.core.image.Mask;

/**
 * One refinement level, in level pixels (one level pixel covers {@code scale}×{@code scale} image
 * pixels, its top-left at image pixel {@code (u·scale, v·scale)}).
 *
 * @param index   1-based level number; the last level works at the photo's own resolution
 * @param scale   image pixels per level pixel, a power of two
 * @param canvas  the rectangle the level works on: the union of its tiles (may reach past the image)
 * @param tiles   model-size squares covering every redrawn pixel, in canvas order
 * @param redraw  over {@code canvas}, row-major: true where the level redraws (mask plus dilation)
 */
public record RefineLevel(int index, int scale, Mask.Box canvas, List<Mask.Box> tiles, boolean[] redraw) {
    public RefineLevel {
        tiles = List.copyOf(tiles);
        if (redraw.length != canvas.width() * canvas.height()) {
            throw new IllegalArgumentException("redraw mask does not match the canvas");
        }
    }

    /** UNet calls this level makes when each denoising step sends its tiles in batches of {@code maxBatch}. */
    public int calls(int denoiseSteps, int maxBatch) {
        return denoiseSteps * batches(maxBatch);
    }

    public int batches(int maxBatch) {
        return (tiles.size() + maxBatch - 1) / maxBatch;
    }
}
