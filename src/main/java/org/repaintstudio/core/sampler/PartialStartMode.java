package org.repaintstudio.core.sampler;

import org.repaintstudio.core.schedule.PartialResampling;

/**
 * diffusers-mode RePaint that starts part-way down from the known image with its hole pre-filled
 * ({@link HoleFill}) and noised to that level, like the {@code strength} of diffusers' inpainting
 * guide: a strength s walks only the last s of the schedule, so it costs about s of the calls.
 * It pays where the hole is small and the smooth fill is already a fair guess.
 */
public final class PartialStartMode extends VariantMode {
    public static final String ID = "partial-start";
    static final double DEFAULT_STRENGTH = 0.6;

    public PartialStartMode() {
        this(DEFAULT_STRENGTH);
    }

    public PartialStartMode(double strength) {
        super(strength);
        PartialResampling.indexAt(strength, 1000, 1000);
    }

    @Override
    String baseId() {
        return ID;
    }

    @Override
    double defaultValue() {
        return DEFAULT_STRENGTH;
    }

    @Override
    VariantSampler.Options options(int n, int numTrainTimesteps) {
        int start = PartialResampling.indexAt(value(), n, numTrainTimesteps);
        // The first sample is at index start - 1 (as x_T is fed at (n - 1)·T/n); no jump climbs above it.
        return new VariantSampler.Options(start, start - 1, false);
    }

    @Override
    public String label() {
        return "partial start (diffusers, from " + Math.round(value() * 100) + "% noise)";
    }

    @Override
    public String description() {
        return ID + ": diffusers mode starting part-way down from a smooth fill of the hole (ID@S: strength S).";
    }

    @Override
    public String tunable() {
        return "the strength: the fraction of the trajectory walked, from the top";
    }

    @Override
    public SamplerType tuned(double strength) {
        return new PartialStartMode(strength);
    }
}
