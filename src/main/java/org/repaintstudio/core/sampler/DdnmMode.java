package org.repaintstudio.core.sampler;

import org.repaintstudio.core.schedule.PartialResampling;

/**
 * DDNM (Wang et al., ICLR 2023) for inpainting: the x0 estimate is made to agree with the known
 * pixels and the whole image steps from it ({@link NullSpaceStep}), with RePaint's jumps as DDNM's
 * time travel (its Section 3.3), optionally only in the noisy top fraction of the trajectory, as
 * {@link EarlyResamplingMode} does for RePaint.
 */
public final class DdnmMode extends VariantMode {
    public static final String ID = "ddnm";
    static final double DEFAULT_FRACTION = 1.0;

    public DdnmMode() {
        this(DEFAULT_FRACTION);
    }

    public DdnmMode(double fraction) {
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
        int from = n - PartialResampling.indexAt(value(), n, numTrainTimesteps);
        return new VariantSampler.Options(n, from, n, true);
    }

    @Override
    public String label() {
        return "DDNM (null-space step, time travel)";
    }

    @Override
    public String description() {
        return ID + ": DDNM's null-space step with time travel (ID@F: jumps only in the top F·T).";
    }

    @Override
    public String tunable() {
        return "the fraction of the trajectory, from t = T, that time-travels";
    }

    @Override
    public SamplerType tuned(double fraction) {
        return new DdnmMode(fraction);
    }
}
