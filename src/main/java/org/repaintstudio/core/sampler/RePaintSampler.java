package org.repaintstudio.core.sampler;

import org.repaintstudio.core.schedule.TimestepSchedule;

/**
 * One RePaint variant: the schedule it walks and what a denoising or undo entry does to the sample.
 * The pipeline owns the loop, the model calls, events and cancellation.
 */
public interface RePaintSampler {
    /** Entries in loop order. */
    TimestepSchedule schedule();

    /**
     * Fills {@code x} with the loop's first sample: by default x_T ~ N(0, I), Algorithm 1 line 1.
     * A sampler that starts lower (a partial start) may use the known image and mask here.
     */
    default void start(float[] x, float[] original, float[] keepMask, Shape shape, NoiseSource noise) {
        noise.next(x, shape.batch());
    }

    /** The timestep passed to the UNet for a denoising entry. */
    int modelTimestep(int entry);

    /**
     * Applies a denoising entry: {@code x} (the current sample) is replaced by the next one, with the
     * known region re-imposed; {@code x0Out} receives the x0 estimate.
     */
    void denoise(int entry, float[] modelOutput, int outChannels, float[] x, float[] original, float[] keepMask,
                 Shape shape, NoiseSource noise, float[] x0Out);

    /** Applies an undo (resampling) entry to {@code x} in place. */
    void undo(int entry, float[] x, Shape shape, NoiseSource noise);

    /** Output channels the model must have for this sampler: 3 (noise) or 6 (noise + variance). */
    default boolean acceptsOutputChannels(int channels) {
        return channels == 3 || channels == 6;
    }
}
