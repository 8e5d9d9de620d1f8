package org.repaintstudio.core.refine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import org.repaintstudio.core.task.CancelToken;

class GrainTransferTest {
    private static final int W = 64;
    private static final int H = 48;

    /** A disc of radius 12 in the middle. */
    private static boolean[] disc() {
        boolean[] hole = new boolean[W * H];
        for (int p = 0; p < hole.length; p++) {
            int dx = p % W - 32;
            int dy = p / W - 24;
            hole[p] = dx * dx + dy * dy <= 144;
        }
        return hole;
    }

    private static boolean[] all() {
        boolean[] usable = new boolean[W * H];
        Arrays.fill(usable, true);
        return usable;
    }

    /** Vertical stripes 2 px wide in every channel, the hole painted flat at their mean. */
    private static float[] stripesWithFlatHole(boolean[] hole) {
        float[] img = new float[3 * W * H];
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < W * H; p++) {
                img[c * W * H + p] = hole[p] ? 0.1f : ((p % W) / 2 % 2 == 0 ? 0.6f : -0.4f);
            }
        }
        return img;
    }

    private static double meanAbsStep(float[] img, boolean[] where) {
        double sum = 0;
        int n = 0;
        for (int p = 0; p < W * H; p++) {
            if (where[p] && p % W > 0) {
                sum += Math.abs(img[p] - img[p - 1]);
                n++;
            }
        }
        return sum / n;
    }

    @Test
    void aFlatFillInAStripedPhotoGetsTheStripesGrainAndKnownPixelsStay() {
        boolean[] hole = disc();
        float[] img = stripesWithFlatHole(hole);
        float[] before = img.clone();
        GrainTransfer.apply(img, hole, all(), W, H, 1L, new CancelToken());
        boolean[] inner = new boolean[W * H];
        boolean[] known = new boolean[W * H];
        for (int p = 0; p < W * H; p++) {
            int dx = p % W - 32;
            int dy = p / W - 24;
            inner[p] = dx * dx + dy * dy <= 64;
            known[p] = !hole[p];
        }
        assertThat(meanAbsStep(before, inner)).isZero();
        assertThat(meanAbsStep(img, inner)).isGreaterThan(0.5 * meanAbsStep(before, known));
        for (int i = 0; i < img.length; i++) {
            if (!hole[i % (W * H)]) {
                assertThat(img[i]).isEqualTo(before[i]);
            }
        }
    }

    @Test
    void aHoleInAPlainSkyStaysPlain() {
        boolean[] hole = disc();
        float[] img = new float[3 * W * H];
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < W * H; p++) {
                img[c * W * H + p] = -0.2f + 0.004f * (p / W) + 0.1f * c; // a gentle vertical gradient
            }
        }
        float[] before = img.clone();
        GrainTransfer.apply(img, hole, all(), W, H, 1L, new CancelToken());
        for (int i = 0; i < img.length; i++) {
            assertThat(img[i]).isCloseTo(before[i], within(0.01f));
        }
    }

    @Test
    void aScratchKeepsItsSmoothFillAndOnlyTheWidePartOfAHoleTakesGrain() {
        boolean[] hole = new boolean[W * H];
        for (int p = 0; p < hole.length; p++) {
            int x = p % W;
            int y = p / W;
            boolean scratch = y >= 20 && y < 28 && x >= 4 && x < 40; // 8 px wide: no disc of radius 10 fits
            boolean wide = (x - 50) * (x - 50) + (y - 24) * (y - 24) <= 144;
            hole[p] = scratch || wide;
        }
        float[] img = stripesWithFlatHole(hole);
        float[] before = img.clone();
        GrainTransfer.apply(img, hole, all(), W, H, 3L, new CancelToken());
        for (int y = 20; y < 28; y++) {
            for (int x = 4; x < 34; x++) {
                assertThat(img[y * W + x]).as("scratch pixel %d,%d", x, y).isEqualTo(before[y * W + x]);
            }
        }
        assertThat(img[24 * W + 50]).isNotEqualTo(before[24 * W + 50]);
    }

    @Test
    void theSameSeedGivesTheSameGrain() {
        boolean[] hole = disc();
        float[] a = stripesWithFlatHole(hole);
        float[] b = stripesWithFlatHole(hole);
        GrainTransfer.apply(a, hole, all(), W, H, 7L, new CancelToken());
        GrainTransfer.apply(b, hole, all(), W, H, 7L, new CancelToken());
        assertThat(a).containsExactly(b);
    }

    @Test
    void aCancelledRunStopsInTheSearchAndLeavesThePictureAlone() {
        boolean[] hole = disc();
        float[] img = stripesWithFlatHole(hole);
        float[] before = img.clone();
        CancelToken cancel = new CancelToken();
        cancel.cancel();
        assertThatThrownBy(() -> GrainTransfer.apply(img, hole, all(), W, H, 1L, cancel))
                .isInstanceOf(java.util.concurrent.CancellationException.class);
        assertThat(img).containsExactly(before);
    }

    @Test
    void withoutEnoughKnownPatchesNothingChanges() {
        boolean[] hole = disc();
        float[] img = stripesWithFlatHole(hole);
        float[] before = img.clone();
        boolean[] usable = new boolean[W * H];
        for (int p = 0; p < usable.length; p++) {
            usable[p] = p % W < 7; // a strip too narrow for more than a few whole patches
        }
        GrainTransfer.apply(img, hole, usable, W, H, 1L, new CancelToken());
        assertThat(img).containsExactly(before);
    }
}
