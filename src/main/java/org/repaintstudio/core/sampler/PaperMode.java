package org.repaintstudio.core.sampler;

import org.repaintstudio.core.schedule.OriginalJumpSchedule;
import org.repaintstudio.core.schedule.SchedulerConfig;
import org.repaintstudio.core.schedule.SchedulerConfig.VarianceType;
import org.repaintstudio.core.schedule.TimestepSchedule;

/** The original RePaint code's sampler (respaced DDPM posterior steps), see {@link PaperSampler}. */
public final class PaperMode implements SamplerType {
    public static final String ID = "paper";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "paper (original code)";
    }

    @Override
    public String description() {
        return "paper: the original RePaint code's respaced DDPM steps (eta does not apply).";
    }

    @Override
    public void check(SamplingSettings s, int numTrainTimesteps) {
        // The schedule is the original get_schedule_jump; eta is unused but still range-checked,
        // so a saved setting stays valid when the mode is switched back.
        s.checkSchedule(numTrainTimesteps);
        s.checkEta();
    }

    @Override
    public TimestepSchedule schedule(SamplingSettings s, SchedulerConfig config) {
        check(s, config.numTrainTimesteps());
        return jumps(s).toTransitions();
    }

    @Override
    public RePaintSampler create(SamplingSettings s, SchedulerConfig config, Shape shape, int modelOutputChannels) {
        check(s, config.numTrainTimesteps());
        VarianceType v = s.variance() != null ? s.variance()
                : modelOutputChannels == 6 ? VarianceType.LEARNED_RANGE : config.varianceType();
        return new PaperSampler(config, jumps(s), v, shape);
    }

    private static OriginalJumpSchedule jumps(SamplingSettings s) {
        return OriginalJumpSchedule.of(s.steps(), 1, s.jumpLength(), s.jumpNSample());
    }

    @Override
    public String toString() {
        return ID;
    }
}
