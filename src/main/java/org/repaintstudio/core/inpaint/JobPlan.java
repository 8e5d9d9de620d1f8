package org.repaintstudio.core.inpaint;

import java.util.List;

import org.repaintstudio.core.refine.RefinePlan;
import org.repaintstudio.core.schedule.TimestepSchedule;

/**
 * What a job will do, known before it starts: the crop, the stages (the coarse pass, then one per
 * refinement level), the coarse schedule, the UNet calls of every pass and the batch they run at
 * (the basis of the time estimate), and the preview interval.
 *
 * @param coarseCalls UNet calls of the coarse pass (all samples share each call)
 * @param batch       samples per coarse call; each sample is refined on its own
 * @param refine      the refinement levels of one sample (empty when off or not applicable)
 */
public record JobPlan(CropPlan crop, List<JobStage> stages, TimestepSchedule schedule, int coarseCalls, int batch,
                      int previewEvery, RefinePlan refine) {
    public JobPlan {
        stages = List.copyOf(stages);
    }

    /** UNet calls of the whole job: the coarse pass plus every sample's refinement. */
    public int modelCalls() {
        return coarseCalls + batch * refine.totalCalls();
    }

    /**
     * Model-size images through the UNet over the whole job (a call of n images counts n): what
     * the time per image multiplies.
     */
    public long sampleCalls() {
        return (long) coarseCalls * batch + (long) batch * refineImages();
    }

    /** Tile images one sample's refinement sends through the UNet. */
    public long refineImages() {
        return (long) refine.tileCount() * refine.schedule().denoiseCount();
    }

    public boolean refines() {
        return !refine.isEmpty();
    }
}
