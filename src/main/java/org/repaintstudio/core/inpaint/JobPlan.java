package org.repaintstudio.core.inpaint;

import java.util.List;

import org.repaintstudio.core.schedule.TimestepSchedule;

/**
 * What a job will do, known before it starts: the crop, the schedule of each stage, the UNet calls
 * and the batch they run at (the basis of the time estimate), and the preview interval.
 */
public record JobPlan(CropPlan crop, List<JobStage> stages, TimestepSchedule schedule, int modelCalls, int batch,
                      int previewEvery) {
    /** UNet calls of the whole job times the samples per call: what the time per call multiplies. */
    public long sampleCalls() {
        return (long) modelCalls * batch;
    }
}
