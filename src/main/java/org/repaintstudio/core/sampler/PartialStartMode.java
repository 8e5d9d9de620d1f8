package org.repaintstudio.core.sampler;

/**
 * diffusers-mode RePaint that starts part-way down from the known image with its hole pre-filled
 * ({@link HoleFill}) and noised to that level ({@link PartialStartVariant}). It pays where the hole
 * is small and the smooth fill is already a fair guess.
 */
public final class PartialStartMode extends PartialStartVariant {
    public static final String ID = "partial-start";

    public PartialStartMode() {
        this(DEFAULT_STRENGTH);
    }

    public PartialStartMode(double strength) {
        super(strength, false);
    }

    @Override
    String baseId() {
        return ID;
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
    public SamplerType tuned(double strength) {
        return new PartialStartMode(strength);
    }
}
