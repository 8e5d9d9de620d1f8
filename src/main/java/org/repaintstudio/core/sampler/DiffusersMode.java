package org.repaintstudio.core.sampler;

import org.repaintstudio.core.schedule.DiffusersResampling;
import org.repaintstudio.core.schedule.SchedulerConfig;
import org.repaintstudio.core.schedule.TimestepSchedule;

/** diffusers' RePaintScheduler and RePaintPipeline (v0.24), see {@link DiffusersSampler}. */
public final class DiffusersMode implements SamplerType {
    public static final String ID = "diffusers";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "diffusers (RePaintScheduler)";
    }

    @Override
    public String description() {
        return "diffusers: the RePaintScheduler of Hugging Face diffusers (DDIM-form steps with eta).";
    }

    @Override
    public void check(SamplingSettings s, int numTrainTimesteps) {
        s.checkSchedule(numTrainTimesteps);
        s.checkEta();
    }

    @Override
    public TimestepSchedule schedule(SamplingSettings s, SchedulerConfig config) {
        check(s, config.numTrainTimesteps());
        return TimestepSchedule.fromDiffusersTimesteps(
                DiffusersResampling.timesteps(s.steps(), s.jumpLength(), s.jumpNSample(), config.numTrainTimesteps()));
    }

    @Override
    public RePaintSampler create(SamplingSettings s, SchedulerConfig config, Shape shape, int modelOutputChannels) {
        check(s, config.numTrainTimesteps());
        return new DiffusersSampler(config, s.steps(), s.jumpLength(), s.jumpNSample(), s.eta(), shape);
    }

    @Override
    public String toString() {
        return ID;
    }
}
