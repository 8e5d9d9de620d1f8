package org.repaintstudio.core.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class NoiseSourceTest {

    @Test
    void sameSeedGivesTheSameDraws() {
        float[] a = new float[3000];
        float[] b = new float[3000];
        new SeededNoise(42).next(a, 1);
        new SeededNoise(42).next(b, 1);
        assertThat(a).containsExactly(b);
        new SeededNoise(43).next(b, 1);
        assertThat(Arrays.equals(a, b)).isFalse();
    }

    @Test
    void aSampleDoesNotDependOnHowManyAreDrawnWithIt() {
        float[] one = new float[300];
        float[] three = new float[900];
        SeededNoise single = new SeededNoise(7);
        SeededNoise batch = new SeededNoise(7);
        single.next(one, 1);
        batch.next(three, 3);
        assertThat(Arrays.copyOfRange(three, 0, 300)).containsExactly(one);
        assertThat(Arrays.equals(Arrays.copyOfRange(three, 300, 600), one)).isFalse();
    }

    @Test
    void drawsAreStandardNormal() {
        int n = 400_000;
        float[] z = new float[n];
        new SeededNoise(1).next(z, 1);
        double mean = 0;
        double sq = 0;
        double quart = 0;
        for (float v : z) {
            mean += v;
            sq += v * v;
            quart += (double) v * v * v * v;
        }
        mean /= n;
        double var = sq / n - mean * mean;
        assertThat(mean).isBetween(-0.01, 0.01);
        assertThat(var).isBetween(0.99, 1.01);
        assertThat(quart / n).isBetween(2.9, 3.1);
        // Kolmogorov-Smirnov against the normal CDF; critical value at 1% is 1.63 / sqrt(n).
        float[] sorted = z.clone();
        Arrays.sort(sorted);
        double d = 0;
        for (int i = 0; i < n; i++) {
            double cdf = normalCdf(sorted[i]);
            d = Math.max(d, Math.max(Math.abs(cdf - (double) i / n), Math.abs(cdf - (double) (i + 1) / n)));
        }
        assertThat(d).isLessThan(1.63 / Math.sqrt(n));
        // The tails are reached, and beyond the ziggurat's base layer too.
        assertThat(sorted[0]).isLessThan(-4f);
        assertThat(sorted[n - 1]).isGreaterThan(4f);
    }

    private static double normalCdf(double x) {
        return 0.5 * (1 + erf(x / Math.sqrt(2)));
    }

    /** Abramowitz-Stegun 7.1.26, accurate to 1.5e-7: ample for the KS bound here. */
    private static double erf(double x) {
        double t = 1 / (1 + 0.3275911 * Math.abs(x));
        double y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t
                * Math.exp(-x * x);
        return x >= 0 ? y : -y;
    }

    @Test
    void replayFeedsRecordedDrawsInOrderAndStopsAtTheEnd() {
        float[] recorded = {1, 2, 3, 4, 5, 6};
        ReplayNoise replay = new ReplayNoise(recorded, 3);
        float[] d = new float[3];
        replay.next(d, 1);
        assertThat(d).containsExactly(1, 2, 3);
        replay.next(d, 1);
        assertThat(d).containsExactly(4, 5, 6);
        assertThatThrownBy(() -> replay.next(d, 1)).hasMessageContaining("exhausted after 2 draws");
        assertThatThrownBy(() -> new ReplayNoise(recorded, 3).next(new float[2], 1)).hasMessageContaining("expected a draw of 3");
    }
}
