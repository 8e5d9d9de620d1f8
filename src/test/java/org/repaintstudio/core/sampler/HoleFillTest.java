package org.repaintstudio.core.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HoleFillTest {
    @Test
    void knownPixelsStayAndAConstantSurroundingFillsTheHoleWithIt() {
        int h = 9;
        int w = 13;
        float[] image = new float[3 * h * w];
        float[] keep = new float[h * w];
        for (int p = 0; p < h * w; p++) {
            boolean hole = p / w >= 2 && p / w < 7 && p % w >= 3 && p % w < 10;
            keep[p] = hole ? 0f : 1f;
            for (int c = 0; c < 3; c++) {
                image[c * h * w + p] = hole ? 5f : 0.25f * (c + 1);
            }
        }
        float[] out = new float[image.length];
        HoleFill.fill(image, 0, keep, 0, 3, h, w, out, 0);
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < h * w; p++) {
                assertThat(out[c * h * w + p]).isCloseTo(0.25f * (c + 1), within(1e-5f));
            }
        }
    }

    @Test
    void aHoleBetweenTwoColoursIsFilledBetweenThemAndRisesTowardsTheBrighterSide() {
        int s = 16;
        float[] image = new float[s * s];
        float[] keep = new float[s * s];
        for (int p = 0; p < s * s; p++) {
            int x = p % s;
            keep[p] = x < 4 || x >= 12 ? 1f : 0f;
            image[p] = x < 4 ? -1f : x >= 12 ? 1f : 0f;
        }
        float[] out = new float[s * s];
        HoleFill.fill(image, 0, keep, 0, 1, s, s, out, 0);
        int row = 8 * s;
        assertThat(out[row + 3]).isEqualTo(-1f);
        assertThat(out[row + 12]).isEqualTo(1f);
        for (int x = 4; x < 12; x++) {
            assertThat(out[row + x]).isBetween(-1f, 1f);
        }
        assertThat(out[row + 5]).isLessThan(out[row + 10]);
    }
}
