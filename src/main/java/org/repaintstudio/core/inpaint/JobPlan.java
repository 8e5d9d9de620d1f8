package org.repaintstudio.core.inpaint;

import java.util.List;

import org.repaintstudio.core.refine.RefinePlan;
import org.repaintstudio.core.schedule.StepKind;
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

    /**
     * Every entry the job walks, for its plot: the coarse schedule, then each sample's levels in
     * turn, each the tail of the schedule its start image was re-noised to (training timesteps).
     */
    public TimestepSchedule wholeSchedule() {
        if (!refines()) {
            return schedule;
        }
        TimestepSchedule level = refine.schedule().entries();
        int repeats = batch * refine.levels().size();
        int[] values = new int[schedule.size() + repeats * level.size()];
        StepKind[] kinds = new StepKind[values.length];
        for (int e = 0; e < values.length; e++) {
            boolean coarse = e < schedule.size();
            int i = coarse ? e : (e - schedule.size()) % level.size();
            values[e] = coarse ? schedule.value(i) : level.value(i);
            kinds[e] = coarse ? schedule.kind(i) : level.kind(i);
        }
        return new TimestepSchedule(values, kinds);
    }

    /** Where level {@code level} (1-based) of sample {@code sample} starts in {@link #wholeSchedule()}. */
    public int levelOffset(int sample, int level) {
        int perLevel = refine.schedule().entries().size();
        return schedule.size() + (sample * refine.levels().size() + level - 1) * perLevel;
    }

    public boolean refines() {
        return !refine.isEmpty();
    }
}
