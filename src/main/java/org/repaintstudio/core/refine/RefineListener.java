package org.repaintstudio.core.refine;

import java.awt.image.BufferedImage;

import org.repaintstudio.core.image.Mask;

/**
 * What a refinement reports, on the thread that runs it (a UI hands events to its own thread).
 * Default methods do nothing.
 */
public interface RefineListener {
    /** Before the first UNet call, with every level and tile (plot, ETA). */
    default void started(RefinePlan plan) {}

    /** Before each UNet call: which level, step and tiles it runs. */
    default void running(RefineProgress progress) {}

    /** After each UNet call. */
    default void progressed(RefineProgress progress) {}

    /**
     * A level finished: its tiles' region of the photo, with the blended pixels the result would
     * have if this were the last level, ready to paint over a live composite.
     *
     * @param region image-pixel rectangle that {@code pixels} covers
     * @param pixels  RGB image of {@code region}'s size
     */
    default void regionUpdated(int level, int levels, Mask.Box region, BufferedImage pixels) {}

    RefineListener NONE = new RefineListener() {};
}
