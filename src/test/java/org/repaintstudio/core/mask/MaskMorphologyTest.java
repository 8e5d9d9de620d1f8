package org.repaintstudio.core.mask;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

class MaskMorphologyTest {
    private static byte[] randomMask(int w, int h, long seed) {
        Random r = new Random(seed);
        byte[] m = new byte[w * h];
        for (int k = 0; k < 6; k++) {
            int cx = r.nextInt(w), cy = r.nextInt(h), rad = 1 + r.nextInt(6);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= rad * rad) {
                        m[y * w + x] = (byte) 255;
                    }
                }
            }
        }
        return m;
    }

    @Test
    void distanceFieldEqualsBruteForceEuclideanDistance() {
        int w = 37, h = 23;
        byte[] m = randomMask(w, h, 3);
        float[] d = DistanceField.of(m, w, h, 128, true);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double best = Double.MAX_VALUE;
                for (int i = 0; i < m.length; i++) {
                    if ((m[i] & 0xFF) >= 128) {
                        best = Math.min(best, Math.hypot(x - i % w, y - i / w));
                    }
                }
                assertThat((double) d[y * w + x]).as("%d,%d", x, y).isCloseTo(best, org.assertj.core.data.Offset.offset(1e-3));
            }
        }
    }

    @Test
    void growThenShrinkByTheSameRadiusKeepsAConvexShape() {
        int w = 60, h = 50;
        byte[] square = new byte[w * h];
        for (int y = 20; y < 30; y++) {
            for (int x = 20; x < 35; x++) {
                square[y * w + x] = (byte) 255;
            }
        }
        byte[] grown = MaskMorphology.offset(square, w, h, 4);
        assertThat(grown[25 * w + 16] & 0xFF).isEqualTo(255);
        assertThat(grown[25 * w + 15] & 0xFF).isEqualTo(0);
        byte[] back = MaskMorphology.offset(grown, w, h, -4);
        for (int i = 0; i < square.length; i++) {
            assertThat((back[i] & 0xFF) >= 128).as("pixel %d", i).isEqualTo((square[i] & 0xFF) >= 128);
        }
    }

    @Test
    void featherMakesGreyLevelsAcrossTheEdgeOnly() {
        int w = 80, h = 10;
        byte[] half = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 40; x < w; x++) {
                half[y * w + x] = (byte) 255;
            }
        }
        byte[] soft = MaskMorphology.feather(half, w, h, 8);
        assertThat(soft[5 * w + 10] & 0xFF).isZero();
        assertThat(soft[5 * w + 70] & 0xFF).isEqualTo(255);
        assertThat(soft[5 * w + 40] & 0xFF).isStrictlyBetween(60, 200);
        for (int x = 1; x < w; x++) {
            assertThat(soft[5 * w + x] & 0xFF).isGreaterThanOrEqualTo(soft[5 * w + x - 1] & 0xFF);
        }
    }

    @Test
    void colourRegionIsTheConnectedAreaWithinTolerance() {
        int w = 5, h = 3;
        int sky = 0x6496E6, red = 0xC81E28;
        int[] rgb = {
            sky, sky, red, sky, sky,
            sky, sky, red, sky, sky,
            sky, sky, red, sky, sky + 0x010101};
        byte[] left = ColourRegion.select(rgb, w, h, 0, 0, 1);
        for (int i = 0; i < rgb.length; i++) {
            assertThat(left[i] != 0).as("pixel %d", i).isEqualTo(i % w < 2);
        }
        // Across the red column nothing connects; a tolerance of 100 takes everything.
        assertThat(ColourRegion.select(rgb, w, h, 0, 0, 100)).containsOnly((byte) 255);
    }

    /** A few soft-edged blobs in one corner of a larger picture, so the mask's box is a small part of it. */
    private static byte[] blobsInACorner(int w, int h, long seed) {
        Random r = new Random(seed);
        byte[] m = new byte[w * h];
        byte[] small = randomMask(w / 3, h / 3, seed);
        for (int y = 0; y < h / 3; y++) {
            for (int x = 0; x < w / 3; x++) {
                int v = small[y * (w / 3) + x] & 0xFF;
                // Grey levels too, as soft brushes and feathering leave them.
                m[(y + (seed % 2 == 0 ? 0 : h / 2)) * w + x + w / 3] = (byte) (v == 0 && r.nextInt(9) == 0 ? 60 : v);
            }
        }
        return m;
    }

    @Test
    void growAndShrinkNearTheMaskEqualTheWholePictureResult() {
        int w = 90, h = 70;
        for (long seed = 1; seed <= 6; seed++) {
            byte[] m = seed == 6 ? randomMask(w, h, seed) : blobsInACorner(w, h, seed);
            float[] toFill = DistanceField.of(m, w, h, MaskMorphology.THRESHOLD, true);
            float[] toKeep = DistanceField.of(m, w, h, MaskMorphology.THRESHOLD, false);
            MaskMorphology.Offset prepared = MaskMorphology.prepareOffset(m, w, h);
            // A slider moving up, down and far beyond the first widening.
            for (double radius : new double[] {2, 1, 0, -1, -3, 4.5, 9, 17, 40, 100, 3, -7}) {
                assertThat(prepared.apply(radius)).as("seed %d, radius %s", seed, radius)
                        .isEqualTo(MaskMorphology.offset(m, toFill, toKeep, radius));
            }
        }
    }

    @Test
    void featherNearTheMaskEqualsTheWholePictureBlur() {
        int w = 90, h = 70;
        for (long seed = 1; seed <= 6; seed++) {
            byte[] m = seed == 6 ? randomMask(w, h, seed) : blobsInACorner(w, h, seed);
            for (int radius : new int[] {1, 3, 8, 20, 60}) {
                int half = Math.max(1, (int) Math.round(radius / 2.0));
                assertThat(MaskMorphology.feather(m, w, h, radius)).as("seed %d, radius %d", seed, radius)
                        .isEqualTo(MaskMorphology.blur(m, w, h, half));
            }
        }
        assertThat(MaskMorphology.feather(new byte[w * h], w, h, 5)).isEqualTo(new byte[w * h]);
    }
}
