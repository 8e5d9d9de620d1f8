package org.repaintstudio.core.tensor;

/** Element-wise comparison of float arrays against a reference, for conformance checks. */
public final class Compare {
    private Compare() {}

    /** Largest |actual - expected|; infinite when lengths differ or a value is NaN. */
    public static double maxAbs(float[] actual, float[] expected) {
        if (actual.length != expected.length) {
            return Double.POSITIVE_INFINITY;
        }
        double worst = 0;
        for (int i = 0; i < actual.length; i++) {
            double d = Math.abs((double) actual[i] - expected[i]);
            if (Double.isNaN(d)) {
                return Double.POSITIVE_INFINITY;
            }
            worst = Math.max(worst, d);
        }
        return worst;
    }

    /**
     * Largest excess of |actual - expected| over {@code abs + rel * |expected|}, as a fraction of that
     * allowance: at most 1 means every element is within absolute or relative tolerance.
     */
    public static double worstToleranceRatio(float[] actual, float[] expected, double abs, double rel) {
        if (actual.length != expected.length) {
            return Double.POSITIVE_INFINITY;
        }
        double worst = 0;
        for (int i = 0; i < actual.length; i++) {
            double d = Math.abs((double) actual[i] - expected[i]);
            if (Double.isNaN(d)) {
                return Double.POSITIVE_INFINITY;
            }
            worst = Math.max(worst, d / (abs + rel * Math.abs(expected[i])));
        }
        return worst;
    }

    /** Largest distance in units in the last place of the expected float32 values. */
    public static double maxUlps(float[] actual, float[] expected) {
        if (actual.length != expected.length) {
            return Double.POSITIVE_INFINITY;
        }
        double worst = 0;
        for (int i = 0; i < actual.length; i++) {
            double d = Math.abs((double) actual[i] - expected[i]) / Math.ulp(expected[i]);
            if (Double.isNaN(d)) {
                return Double.POSITIVE_INFINITY;
            }
            worst = Math.max(worst, d);
        }
        return worst;
    }
}
