package org.repaintstudio.core.sampler;

import org.repaintstudio.core.schedule.PartialResampling;

/**
 * diffusers-mode RePaint that resamples only in the high-noise part of the trajectory, where the
 * fill's layout is decided: the jumps below a fraction of T are dropped. The mirror of
 * {@link LateResamplingMode} (docs/quality-vs-calls.md compares them).
 */
public final class EarlyResamplingMode extends VariantMode {
    public static final String ID = "resample-early";
    static final double DEFAULT_FRACTION = 0.5;

    public EarlyResamplingMode() {
        this(DEFAULT_FRACTION);
    }

    public EarlyResamplingMode(double fraction) {
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
        // Jumps from indices at or above (1 - F)·n: the top F of the trajectory resamples.
        int from = n - PartialResampling.indexAt(value(), n, numTrainTimesteps);
        return new VariantSampler.Options(n, from, n, false);
    }

    @Override
    public String label() {
        return "resample early (diffusers, jumps in the top " + Math.round(value() * 100) + "% of T)";
    }

    @Override
    public String description() {
        return ID + ": diffusers mode with resampling jumps only in the noisy top of the trajectory (ID@F: the top F·T).";
    }

    @Override
    public String tunable() {
        return "the fraction of the trajectory, from t = T, that resamples";
    }

    @Override
    public SamplerType tuned(double fraction) {
        return new EarlyResamplingMode(fraction);
    }
}
