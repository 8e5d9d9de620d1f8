package org.repaintstudio.core.refine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

class LowFrequencyAnchorTest {
    private static final int W = 40;
    private static final int H = 30;

    private static boolean[] centre() {
        boolean[] redraw = new boolean[W * H];
        for (int y = 10; y < 20; y++) {
            for (int x = 12; x < 28; x++) {
                redraw[y * W + x] = true;
            }
        }
        return redraw;
    }

    @Test
    void aFillCannotDriftFromItsStartColourNorBeSharperThanAFlatNeighbourhood() {
        boolean[] redraw = centre();
        float[] start = new float[3 * W * H];
        java.util.Arrays.fill(start, 0.2f);
        float[] refined = new float[start.length];
        Random rnd = new Random(1);
        for (int i = 0; i < refined.length; i++) {
            // A whiter fill with confetti: drifted colour plus strong high frequencies.
            refined[i] = redraw[i % (W * H)] ? 0.8f + (float) rnd.nextGaussian() * 0.3f : 0.2f;
        }
        LowFrequencyAnchor.apply(refined, start, redraw, W, H, 1.5);
        for (int i = 0; i < refined.length; i++) {
            assertThat(refined[i]).as("value %d", i).isCloseTo(0.2f, within(1e-4f));
        }
    }

    @Test
    void detailAsStrongAsTheNeighbourhoodIsKept() {
        boolean[] redraw = centre();
        float[] start = new float[3 * W * H];
        float[] refined = new float[start.length];
        for (int i = 0; i < start.length; i++) {
            int p = i % (W * H);
            float stripes = ((p % W) % 2 == 0) ? 0.3f : -0.3f;
            start[i] = redraw[p] ? 0f : stripes;
            refined[i] = stripes;
        }
        float gain = LowFrequencyAnchor.detailGain(refined, LowFrequencyAnchor.blur(refined, W, H, 1.5), start,
                LowFrequencyAnchor.blur(start, W, H, 1.5), redraw);
        assertThat(gain).isGreaterThan(0.8f);
    }
}
