package org.repaintstudio.core.inpaint;

import java.awt.image.BufferedImage;

import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.sampler.PipelineListener.Progress;

/**
 * What an {@link InpaintEngine} job reports, on the thread running it. Every event names its
 * {@link JobStage}. Default methods do nothing.
 */
public interface EngineListener {
    /** Before the first UNet call: the crop, the schedule and the cost of the whole job. */
    default void planned(JobPlan plan) {}

    /** After every schedule entry of the coarse pass (its plot cursor). */
    default void progressed(JobStage stage, Progress progress) {}

    /** After every UNet call of any pass: progress and ETA of the whole job. */
    default void jobProgressed(JobProgress progress) {}

    /** An x0 estimate of one sample (or, when final, the stage's result), at model resolution. */
    default void preview(Preview preview) {}

    /**
     * A refinement level of one sample finished: the pixels the result would have in
     * {@code region} (image pixels) if this were the last level, for the live composite.
     */
    default void regionUpdated(JobStage stage, int sample, Mask.Box region, BufferedImage pixels) {}

    EngineListener NONE = new EngineListener() {};

    /**
     * @param modelSpace the sample at model resolution
     * @param live       the live composite over the crop square (first sample, when the policy asks), else null
     */
    record Preview(JobStage stage, int sample, int denoiseDone, BufferedImage modelSpace, BufferedImage live,
                   boolean isFinal) {}
}
