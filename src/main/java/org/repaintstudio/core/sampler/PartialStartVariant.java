package org.repaintstudio.core.sampler;

import org.repaintstudio.core.schedule.PartialResampling;

/**
 * The shared part of the samplers that start part-way down from a noised smooth fill of the hole,
 * like the {@code strength} of diffusers' inpainting guide: a strength s walks only the last s of the
 * schedule, so it costs about s of the calls. Subclasses pick the step taken from there.
 */
abstract class PartialStartVariant extends VariantMode {
    static final double DEFAULT_STRENGTH = 0.6;

    private final boolean nullSpace;

    PartialStartVariant(double strength, boolean nullSpace) {
        super(strength);
        PartialResampling.indexAt(strength, 1000, 1000);
        this.nullSpace = nullSpace;
    }

    @Override
    double defaultValue() {
        return DEFAULT_STRENGTH;
    }

    @Override
    VariantSampler.Options options(int n, int numTrainTimesteps) {
        int start = PartialResampling.indexAt(value(), n, numTrainTimesteps);
        // The first sample is at index start - 1 (as x_T is fed at (n - 1)·T/n); no jump climbs above it.
        return new VariantSampler.Options(start, start - 1, nullSpace);
    }

    @Override
    public String tunable() {
        return "the strength: the fraction of the trajectory walked, from the top";
    }
}
