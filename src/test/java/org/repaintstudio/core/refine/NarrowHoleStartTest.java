package org.repaintstudio.core.refine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.repaintstudio.core.image.Mask;

class NarrowHoleStartTest {
    private static final int W = 24;
    private static final int H = 20;

    /** A horizontal ramp from -1 to 1 in every channel. */
    private static float[] ramp() {
        float[] img = new float[3 * W * H];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    img[c * W * H + y * W + x] = -1f + 2f * x / (W - 1);
                }
            }
        }
        return img;
    }

    @Test
    void aOnePixelScratchStartsFromTheSmoothFillNotTheCoarseGuess() {
        boolean[] masked = new boolean[W * H];
        for (int y = 0; y < H; y++) {
            masked[y * W + 10] = true;
        }
        float[] coarse = new float[3 * W * H];
        java.util.Arrays.fill(coarse, -1f); // the coarse pass painted the scratch black
        float[] out = NarrowHoleStart.blend(coarse, ramp(), masked, W, H);
        float expected = -1f + 2f * 10 / (W - 1);
        for (int y = 2; y < H - 2; y++) {
            assertEquals(expected, out[y * W + 10], 0.06f, "row " + y);
        }
    }

    @Test
    void deepInsideABlobTheCoarseLayoutIsKeptAndKnownPixelsAreUntouched() {
        boolean[] masked = new boolean[W * H];
        for (int y = 4; y < 16; y++) {
            for (int x = 6; x < 18; x++) {
                masked[y * W + x] = true;
            }
        }
        float[] coarse = new float[3 * W * H];
        java.util.Arrays.fill(coarse, 0.5f);
        float[] out = NarrowHoleStart.blend(coarse, ramp(), masked, W, H);
        assertEquals(0.5f, out[10 * W + 12], 0f, "centre, 6 px from known pixels");
        assertTrue(Math.abs(out[10 * W + 6] - 0.5f) > 0.05f, "the rim starts from the smooth fill");
        assertEquals(coarse[0], out[0], 0f, "unmasked pixels keep the coarse start");
    }

    @Test
    void theHandOverIsLinearBetweenTheTwoDistances() {
        assertEquals(1f, NarrowHoleStart.smoothWeight(0.5f));
        assertEquals(1f, NarrowHoleStart.smoothWeight(2f));
        assertEquals(0.5f, NarrowHoleStart.smoothWeight(3.5f), 1e-6f);
        assertEquals(0f, NarrowHoleStart.smoothWeight(5f));
        assertEquals(0f, NarrowHoleStart.smoothWeight(7f));
    }

    @Test
    void aLevelPixelIsMaskedWhenAnyImagePixelUnderItIs() {
        Mask mask = new Mask(16, 16);
        mask.set(5, 9, true);
        boolean[] at4 = NarrowHoleStart.maskedAt(mask, 4, new Mask.Box(0, 0, 4, 4));
        boolean[] expected = new boolean[16];
        expected[2 * 4 + 1] = true;
        assertArrayEquals(expected, at4);
    }
}
