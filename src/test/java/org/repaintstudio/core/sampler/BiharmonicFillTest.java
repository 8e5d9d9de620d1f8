package org.repaintstudio.core.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;

import org.repaintstudio.core.mask.DistanceField;

class BiharmonicFillTest {
    private static final int W = 40;
    private static final int H = 30;

    /** A diagonal scratch 5 px wide, well inside the image. */
    private static boolean[] scratch() {
        boolean[] unknown = new boolean[W * H];
        for (int y = 5; y < H - 5; y++) {
            for (int x = 0; x < W; x++) {
                int d = x - y - 5;
                unknown[y * W + x] = d >= 0 && d < 5 && x > 4 && x < W - 5;
            }
        }
        return unknown;
    }

    private static float[] image(BiFunction<Integer, Integer, Float> f,
                                 boolean[] unknown) {
        float[] img = new float[2 * W * H];
        for (int p = 0; p < W * H; p++) {
            float v = f.apply(p % W, p / W);
            img[p] = unknown[p] ? 9f : v;
            img[W * H + p] = unknown[p] ? -9f : -v;
        }
        return img;
    }

    private static void assertFillsLike(BiFunction<Integer, Integer, Float> f, float tolerance) {
        boolean[] unknown = scratch();
        float[] img = image(f, unknown);
        float[] out = new float[img.length];
        BiharmonicFill.fill(img, unknown, toKnown(unknown, W, H), 2, H, W, 12f, out);
        for (int p = 0; p < W * H; p++) {
            float v = f.apply(p % W, p / W);
            if (unknown[p]) {
                assertThat(out[p]).as("pixel %d", p).isCloseTo(v, within(tolerance));
                assertThat(out[W * H + p]).isCloseTo(-v, within(tolerance));
            } else {
                assertThat(out[p]).isEqualTo(img[p]);
            }
        }
    }

    private static float[] toKnown(boolean[] unknown, int w, int h) {
        return DistanceField.of(unknown, w, h, false);
    }

    @Test
    void aLinearRampAcrossAScratchIsContinuedExactly() {
        assertFillsLike((x, y) -> 0.03f * x - 0.05f * y + 0.2f, 1e-3f);
    }

    @Test
    void aQuadraticShadeIsContinuedWhereAveragingWouldFlattenIt() {
        BiFunction<Integer, Integer, Float> bowl = (x, y) -> ((x - 20) * (x - 20) + (y - 15) * (y - 15)) / 400f;
        assertFillsLike(bowl, 2e-3f);
        boolean[] unknown = scratch();
        float[] img = image(bowl, unknown);
        float[] pushPull = new float[img.length];
        float[] keep = new float[W * H];
        for (int p = 0; p < keep.length; p++) {
            keep[p] = unknown[p] ? 0f : 1f;
        }
        HoleFill.fill(img, 0, keep, 0, 2, H, W, pushPull, 0);
        double worst = 0;
        for (int p = 0; p < W * H; p++) {
            if (unknown[p]) {
                worst = Math.max(worst, Math.abs(pushPull[p] - bowl.apply(p % W, p / W)));
            }
        }
        assertThat(worst).as("push-pull's error on the same scratch").isGreaterThan(0.02);
    }

    @Test
    void pixelsDeeperThanTheBandKeepThePushPullFill() {
        boolean[] unknown = new boolean[W * H];
        for (int y = 5; y < 25; y++) {
            for (int x = 8; x < 32; x++) {
                unknown[y * W + x] = true;
            }
        }
        float[] img = new float[W * H];
        for (int p = 0; p < img.length; p++) {
            img[p] = unknown[p] ? 0f : 0.01f * (p % W);
        }
        float[] keep = new float[W * H];
        for (int p = 0; p < keep.length; p++) {
            keep[p] = unknown[p] ? 0f : 1f;
        }
        float[] pushPull = new float[img.length];
        HoleFill.fill(img, 0, keep, 0, 1, H, W, pushPull, 0);
        float[] out = new float[img.length];
        BiharmonicFill.fill(img, unknown, toKnown(unknown, W, H), 1, H, W, 3f, out);
        int centre = 15 * W + 20;
        assertThat(out[centre]).isEqualTo(pushPull[centre]);
        int rim = 15 * W + 9;
        assertThat(out[rim]).isCloseTo(0.09f, within(0.01f)).isNotEqualTo(pushPull[rim]);
    }

    @Test
    void anImageWithNoKnownPixelIsLeftToPushPull() {
        boolean[] unknown = new boolean[16];
        java.util.Arrays.fill(unknown, true);
        float[] out = new float[16];
        BiharmonicFill.fill(new float[16], unknown, toKnown(unknown, 4, 4), 1, 4, 4, 12f, out);
        assertThat(out).containsOnly(0f);
    }
}
