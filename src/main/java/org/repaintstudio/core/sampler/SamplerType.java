package org.repaintstudio.core.sampler;

import org.repaintstudio.core.schedule.SchedulerConfig;
import org.repaintstudio.core.schedule.TimestepSchedule;

/**
 * One RePaint sampler as users choose it: an id for the command line and saved settings, a label
 * for the app, its schedule and its parameter checks, and a factory for the per-run stepper.
 * Implementations are registered in {@code META-INF/services/org.repaintstudio.core.sampler.SamplerType}
 * and listed by {@link SamplerRegistry}; adding a sampler is one class plus one line there.
 */
public interface SamplerType {
    /** Lower-case id: {@code --mode ID}, saved settings, PNG metadata. */
    String id();

    /** Short label for menus. */
    String label();

    /** One sentence for help text and tooltips. */
    String description();

    /** Checks the settings against a model with this many training steps; throws one sentence. */
    void check(SamplingSettings settings, int numTrainTimesteps);

    /** The entries this sampler will walk, for plotting and counting UNet calls before a run. */
    TimestepSchedule schedule(SamplingSettings settings, SchedulerConfig config);

    /**
     * What {@code ID@VALUE} sets for this sampler (e.g. "the fraction of the trajectory that
     * resamples"), or null when it takes no value.
     */
    default String tunable() {
        return null;
    }

    /** This sampler with its value set ({@code --mode ID@VALUE}); one sentence if it takes none. */
    default SamplerType tuned(double value) {
        throw new org.repaintstudio.core.UserFacingException("The sampling mode '" + id() + "' takes no @value.");
    }

    /** The stepper for one run over a batch of {@code shape}. */
    RePaintSampler create(SamplingSettings settings, SchedulerConfig config, Shape shape, int modelOutputChannels);
}
