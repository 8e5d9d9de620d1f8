package org.repaintstudio.core.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DistanceFieldTest {
    @Test
    void aSetGivesTheSameFieldAsItsCoverageAndItsIndicesAscend() {
        int w = 9;
        int h = 7;
        boolean[] set = new boolean[w * h];
        byte[] coverage = new byte[w * h];
        for (int p = 0; p < set.length; p++) {
            set[p] = p % w >= 3 && p % w < 7 && p / w >= 2 && p / w < 6;
            coverage[p] = set[p] ? (byte) 255 : 0;
        }
        for (boolean inside : new boolean[] {true, false}) {
            assertThat(DistanceField.of(set, w, h, inside)).containsExactly(DistanceField.of(coverage, w, h, 128, inside));
        }
        float[] toOutside = DistanceField.of(set, w, h, false);
        assertThat(toOutside[3 * w + 4]).isCloseTo(2f, within(1e-6f));
        assertThat(toOutside[0]).isZero();
        int[] indices = DistanceField.indicesOf(set);
        assertThat(indices).hasSize(16).startsWith(2 * w + 3).endsWith(5 * w + 6);
    }
}
