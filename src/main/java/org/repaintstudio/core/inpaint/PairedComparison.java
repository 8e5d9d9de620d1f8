package org.repaintstudio.core.inpaint;

import java.util.List;
import java.util.SplittableRandom;

/**
 * How a setting's mean masked MAE compares with a reference's over the same cases: the ratio of
 * the means, with a 95% percentile bootstrap interval that resamples whole cases (image and mask),
 * so that the pairing is kept and the spread between images is the noise it reports.
 */
public record PairedComparison(double ratio, double low, double high, int cases) {
    private static final int RESAMPLES = 4000;

    /** {@code values} and {@code reference} hold one MAE per case, in the same case order. */
    public static PairedComparison of(double[] values, double[] reference, long seed) {
        if (values.length != reference.length || values.length == 0) {
            throw new IllegalArgumentException("paired comparison needs the same non-empty cases on both sides");
        }
        int n = values.length;
        double[] ratios = new double[RESAMPLES];
        SplittableRandom random = new SplittableRandom(seed);
        for (int r = 0; r < RESAMPLES; r++) {
            double a = 0;
            double b = 0;
            for (int i = 0; i < n; i++) {
                int k = random.nextInt(n);
                a += values[k];
                b += reference[k];
            }
            ratios[r] = a / b;
        }
        java.util.Arrays.sort(ratios);
        return new PairedComparison(sum(values) / sum(reference), ratios[(int) (0.025 * RESAMPLES)],
                ratios[(int) (0.975 * RESAMPLES) - 1], n);
    }

    /** The MAEs of {@code rows} in the order of {@code order}'s (image, mask) cases. */
    public static double[] maeInOrder(List<QualitySweep.Row> rows, List<QualitySweep.Row> order) {
        double[] out = new double[order.size()];
        for (int i = 0; i < order.size(); i++) {
            QualitySweep.Row want = order.get(i);
            out[i] = rows.stream().filter(r -> r.image().equals(want.image()) && r.mask().equals(want.mask()))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("case missing: " + want))
                    .mae();
        }
        return out;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }
}
