package org.repaintstudio.core.sampler;

import java.util.Locale;

import org.repaintstudio.core.schedule.DiffusersResampling;
import org.repaintstudio.core.schedule.SchedulerConfig;
import org.repaintstudio.core.schedule.TimestepSchedule;

/**
 * The shared part of the fewer-calls samplers: diffusers-mode checks, and a schedule and stepper
 * from {@link VariantSampler.Options} that each subclass derives from its one value.
 */
abstract class VariantMode implements SamplerType {
    private final double value;

    VariantMode(double value) {
        this.value = value;
    }

    /** The base id, without {@code @value}. */
    abstract String baseId();

    abstract double defaultValue();

    /** The options for a run of {@code n} effective steps. */
    abstract VariantSampler.Options options(int n, int numTrainTimesteps);

    double value() {
        return value;
    }

    @Override
    public String id() {
        return value == defaultValue() ? baseId() : baseId() + "@" + String.format(Locale.ROOT, "%s", value);
    }

    @Override
    public void check(SamplingSettings s, int numTrainTimesteps) {
        s.checkSchedule(numTrainTimesteps);
        s.checkEta();
        options(DiffusersResampling.effectiveSteps(s.steps(), numTrainTimesteps), numTrainTimesteps);
    }

    @Override
    public TimestepSchedule schedule(SamplingSettings s, SchedulerConfig config) {
        check(s, config.numTrainTimesteps());
        return TimestepSchedule.fromDiffusersTimesteps(VariantSampler.schedule(s, config, options(s, config)));
    }

    @Override
    public RePaintSampler create(SamplingSettings s, SchedulerConfig config, Shape shape, int modelOutputChannels) {
        check(s, config.numTrainTimesteps());
        return new VariantSampler(config, s, options(s, config), shape);
    }

    private VariantSampler.Options options(SamplingSettings s, SchedulerConfig config) {
        int t = config.numTrainTimesteps();
        return options(DiffusersResampling.effectiveSteps(s.steps(), t), t);
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((VariantMode) o).value == value;
    }

    @Override
    public int hashCode() {
        return getClass().hashCode() * 31 + Double.hashCode(value);
    }

    @Override
    public String toString() {
        return id();
    }
}
