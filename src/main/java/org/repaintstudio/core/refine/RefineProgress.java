package org.repaintstudio.core.refine;

/**
 * Where a refinement stands at one UNet call.
 *
 * @param level        1-based level, of {@code levels}
 * @param firstTile    0-based first tile of the call's batch; the batch is tiles
 *                     {@code firstTile .. lastTile - 1} of {@code tiles} in this level
 * @param step         1-based denoising step within the level, of {@code steps}
 * @param callsDone    UNet calls finished in the whole refinement, of {@code callsTotal}
 * @param elapsedNanos time since the refinement started
 * @param etaNanos     estimated time to finish the refinement, from the mean cost of a call so far
 */
public record RefineProgress(int level, int levels, int firstTile, int lastTile, int tiles, int step, int steps,
                             int callsDone, int callsTotal, long elapsedNanos, long etaNanos) {
    public double fraction() {
        return callsTotal == 0 ? 1 : callsDone / (double) callsTotal;
    }
}
