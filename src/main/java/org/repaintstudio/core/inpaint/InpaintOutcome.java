package org.repaintstudio.core.inpaint;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

import org.repaintstudio.core.sampler.RePaintPipeline;

/**
 * A finished job.
 *
 * @param results    full-size images, one per sample
 * @param modelSpace the samples at model resolution (the crop as the model produced it)
 * @param plan       the crop and schedule the job ran
 * @param metadata   what reproduces the run (without the sample number; see {@link #metadata(int)})
 * @param params     the parameters the job ran with
 * @param stats      UNet calls and where the time went in the coarse pass
 * @param jobCalls   UNet calls of the whole job, every pass
 * @param jobNanos   wall time of the whole job, from the first call to the last result
 */
public record InpaintOutcome(List<BufferedImage> results, List<BufferedImage> modelSpace, JobPlan plan,
                             RePaintParameters params, Map<String, String> metadata, RePaintPipeline.Result stats,
                             int jobCalls, long jobNanos) {
    public CropPlan crop() {
        return plan.crop();
    }

    /** The metadata of one sample, for its PNG. */
    public Map<String, String> metadata(int sample) {
        return RunMetadata.forSample(metadata, sample);
    }
}
