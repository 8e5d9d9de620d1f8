package org.repaintstudio.core.sampler;

/**
 * {@link PartialStartMode}'s start with {@link DdnmMode}'s step: each step makes the x0 estimate agree
 * with the known pixels ({@link NullSpaceStep}) instead of noising them in. Tried in the fewer-calls
 * study for narrow holes, where it matched the plain partial start (docs/quality-vs-calls.md).
 */
public final class DdnmPartialStartMode extends PartialStartVariant {
    public static final String ID = "ddnm-partial-start";

    public DdnmPartialStartMode() {
        this(DEFAULT_STRENGTH);
    }

    public DdnmPartialStartMode(double strength) {
        super(strength, true);
    }

    @Override
    String baseId() {
        return ID;
    }

    @Override
    public String label() {
        return "DDNM from a partial start (" + Math.round(value() * 100) + "% noise)";
    }

    @Override
    public String description() {
        return ID + ": DDNM's null-space step, starting part-way down from a smooth fill of the hole "
                + "(ID@S: strength S).";
    }

    @Override
    public SamplerType tuned(double strength) {
        return new DdnmPartialStartMode(strength);
    }
}
