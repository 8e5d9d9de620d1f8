package org.repaintstudio.core.sampler;

import org.repaintstudio.core.schedule.PartialResampling;

/**
 * diffusers-mode RePaint that resamples only in the low-noise part of the trajectory, the
 * {@code start_resampling} of the original RePaint code: the jumps above a fraction of T are
 * dropped, which saves their calls where the image's layout is still noise.
 */
public final class LateResamplingMode extends VariantMode {
    public static final String ID = "resample-late";
    static final double DEFAULT_FRACTION = 0.5;

    public LateResamplingMode() {
        this(DEFAULT_FRACTION);
    }

    public LateResamplingMode(double fraction) {
        super(fraction);
        PartialResampling.indexAt(fraction, 1000, 1000);
    }

    @Override
    String baseId() {
        return ID;
    }

    @Override
    double defaultValue() {
        return DEFAULT_FRACTION;
    }

    @Override
    VariantSampler.Options options(int n, int numTrainTimesteps) {
        return new VariantSampler.Options(n, PartialResampling.indexAt(value(), n, numTrainTimesteps), false);
    }

    @Override
    public String label() {
        return "resample late (diffusers, jumps below " + Math.round(value() * 100) + "% of T)";
    }

    @Override
    public String description() {
        return ID + ": diffusers mode with resampling jumps only in the lower part of the trajectory (ID@F: below F·T).";
    }

    @Override
    public String tunable() {
        return "the fraction of the trajectory, from t = 0, that resamples";
    }

    @Override
    public SamplerType tuned(double fraction) {
        return new LateResamplingMode(fraction);
    }
}
