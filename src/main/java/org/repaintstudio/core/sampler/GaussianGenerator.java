package org.repaintstudio.core.sampler;

/**
 * Standard-normal variates by the Marsaglia-Tsang ziggurat (128 layers). The layer index and the
 * value come from different bits of one 64-bit draw, which avoids the original's correlation.
 * A few nanoseconds per variate, so noise generation stays a small part of each RePaint step.
 */
final class GaussianGenerator {
    private static final int LAYERS = 128;
    private static final double R = 3.442619855899;
    private static final double AREA = 9.91256303526217e-3;
    private static final double TWO_POW_31 = 2147483648.0;
    private static final long[] K = new long[LAYERS];
    private static final double[] W = new double[LAYERS];
    private static final double[] F = new double[LAYERS];

    static {
        double dn = R;
        double tn = dn;
        double q = AREA / Math.exp(-0.5 * dn * dn);
        K[0] = (long) ((dn / q) * TWO_POW_31);
        K[1] = 0;
        W[0] = q / TWO_POW_31;
        W[LAYERS - 1] = dn / TWO_POW_31;
        F[0] = 1.0;
        F[LAYERS - 1] = Math.exp(-0.5 * dn * dn);
        for (int i = LAYERS - 2; i >= 1; i--) {
            dn = Math.sqrt(-2.0 * Math.log(AREA / dn + Math.exp(-0.5 * dn * dn)));
            K[i + 1] = (long) ((dn / tn) * TWO_POW_31);
            tn = dn;
            F[i] = Math.exp(-0.5 * dn * dn);
            W[i] = dn / TWO_POW_31;
        }
    }

    private final SplitMix64 bits;

    GaussianGenerator(long seed) {
        this.bits = new SplitMix64(seed);
    }

    double next() {
        while (true) {
            long r = bits.nextLong();
            int layer = (int) (r & (LAYERS - 1));
            long hz = (int) (r >> 32);
            if (Math.abs(hz) < K[layer]) {
                return hz * W[layer];
            }
            double x = hz * W[layer];
            if (layer == 0) {
                // Tail beyond R, by Marsaglia's exponential method.
                double xt;
                double y;
                do {
                    xt = -Math.log(bits.nextOpenUniform()) / R;
                    y = -Math.log(bits.nextOpenUniform());
                } while (y + y < xt * xt);
                return hz > 0 ? R + xt : -R - xt;
            }
            double u = bits.nextOpenUniform();
            if (F[layer] + u * (F[layer - 1] - F[layer]) < Math.exp(-0.5 * x * x)) {
                return x;
            }
        }
    }

    void fill(float[] dst, int from, int to) {
        for (int i = from; i < to; i++) {
            dst[i] = (float) next();
        }
    }
}
