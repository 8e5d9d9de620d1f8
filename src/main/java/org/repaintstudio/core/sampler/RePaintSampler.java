package org.repaintstudio.core.sampler;

import org.repaintstudio.core.schedule.TimestepSchedule;

/**
 * One RePaint variant: the schedule it walks and what a denoising or undo entry does to the sample.
 * The pipeline owns the loop, the model calls, events and cancellation.
 */
public interface RePaintSampler {
    /** Entries in loop order. */
    TimestepSchedule schedule();

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
