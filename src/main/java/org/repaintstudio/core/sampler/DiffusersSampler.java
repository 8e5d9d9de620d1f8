package org.repaintstudio.core.sampler;

import org.repaintstudio.core.schedule.SchedulerConfig;
import org.repaintstudio.core.schedule.TimestepSchedule;

/** RePaint as diffusers' RePaintPipeline runs it (the {@code t_last} rule), over the training timesteps. */
public final class DiffusersSampler implements RePaintSampler {
    private final DiffusersRePaintScheduler scheduler;
    private final TimestepSchedule schedule;
    private final float[] next;

    public DiffusersSampler(SchedulerConfig config, int steps, int jumpLength, int jumpNSample, double eta, Shape shape) {
        this.scheduler = new DiffusersRePaintScheduler(config, eta);
        this.schedule = TimestepSchedule.fromDiffusersTimesteps(scheduler.setTimesteps(steps, jumpLength, jumpNSample));
        this.next = new float[shape.size()];
    }

    @Override
    public TimestepSchedule schedule() {
        return schedule;
    }

    @Override
    public int modelTimestep(int entry) {
        return schedule.value(entry);
    }

    @Override
    public void denoise(int entry, float[] modelOutput, int outChannels, float[] x, float[] original, float[] keepMask,
                        Shape shape, NoiseSource noise, float[] x0Out) {
        scheduler.step(modelOutput, outChannels, schedule.value(entry), x, original, keepMask, shape, noise, next, x0Out);
        System.arraycopy(next, 0, x, 0, x.length);
    }

    @Override
    public void undo(int entry, float[] x, Shape shape, NoiseSource noise) {
        // diffusers passes t_last, the previous entry's timestep.
        scheduler.undoStep(x, schedule.value(entry - 1), shape, noise);
    }
}
