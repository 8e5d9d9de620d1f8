package org.repaintstudio.core.mask;

/**
 * Grow, shrink and feather a coverage mask (one byte per pixel, 0 = keep, 255 = fill). Grow and
 * shrink use a {@link DistanceField}, so the result is a true disc of the given radius at any
 * size, with a one-pixel soft edge; feather is three box blurs (close to a Gaussian), each
 * separable with running sums, so every operation is O(pixels) whatever the radius.
 */
public final class MaskMorphology {
    /** Coverage from which a pixel counts as fill. */
    public static final int THRESHOLD = 128;

    private MaskMorphology() {}

    /**
     * Moves the mask's edge outwards by {@code radius} pixels ({@code > 0}) or inwards
     * ({@code < 0}), given the distance fields to the fill ({@code toFill}) and to the keep area
     * ({@code toKeep}) of {@code coverage}.
     */
    public static byte[] offset(byte[] coverage, float[] toFill, float[] toKeep, double radius) {
        byte[] out = new byte[coverage.length];
        for (int i = 0; i < out.length; i++) {
            int old = coverage[i] & 0xFF;
            int v;
            if (radius >= 0) {
                v = Math.max(old, edge(radius + 1 - toFill[i]));
            } else {
                v = old >= THRESHOLD ? Math.min(old, edge(toKeep[i] + radius)) : old;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    /** Grows (positive) or shrinks (negative) the mask by {@code radius} pixels in one call. */
    public static byte[] offset(byte[] coverage, int width, int height, double radius) {
        float[] toFill = radius >= 0 ? DistanceField.of(coverage, width, height, THRESHOLD, true) : null;
        float[] toKeep = radius < 0 ? DistanceField.of(coverage, width, height, THRESHOLD, false) : null;
        return offset(coverage, toFill, toKeep, radius);
    }

    /** A 0..1 ramp one pixel wide, as coverage 0..255. */
    private static int edge(double t) {
        return t >= 1 ? 255 : t <= 0 ? 0 : (int) Math.round(255 * t);
    }

    /** Softens the mask's edges over about {@code radius} pixels; fill deep inside stays fill. */
    public static byte[] feather(byte[] coverage, int width, int height, int radius) {
        if (radius <= 0) {
            return coverage.clone();
        }
        // Three box passes of this half-width have about the standard deviation radius / 2.
        int half = Math.max(1, (int) Math.round(radius / 2.0));
        int[] a = new int[coverage.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = coverage[i] & 0xFF;
        }
        int[] b = new int[a.length];
        for (int pass = 0; pass < 3; pass++) {
            boxRows(a, b, width, height, half);
            boxColumns(b, a, width, height, half);
        }
        byte[] out = new byte[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Math.max(0, Math.min(255, a[i]));
        }
        return out;
    }

    private static void boxRows(int[] src, int[] dst, int width, int height, int r) {
        int window = 2 * r + 1;
        for (int y = 0; y < height; y++) {
            int row = y * width;
            long sum = 0;
            for (int k = -r; k <= r; k++) {
                sum += src[row + clamp(k, width)];
            }
            for (int x = 0; x < width; x++) {
                dst[row + x] = (int) ((sum + window / 2) / window);
                sum += src[row + clamp(x + r + 1, width)] - src[row + clamp(x - r, width)];
            }
        }
    }

    private static void boxColumns(int[] src, int[] dst, int width, int height, int r) {
        int window = 2 * r + 1;
        long[] sums = new long[width];
        for (int k = -r; k <= r; k++) {
            int row = clamp(k, height) * width;
            for (int x = 0; x < width; x++) {
                sums[x] += src[row + x];
            }
        }
        for (int y = 0; y < height; y++) {
            int row = y * width;
            int add = clamp(y + r + 1, height) * width;
            int drop = clamp(y - r, height) * width;
            for (int x = 0; x < width; x++) {
                dst[row + x] = (int) ((sums[x] + window / 2) / window);
                sums[x] += src[add + x] - src[drop + x];
            }
        }
    }

    private static int clamp(int i, int n) {
        return i < 0 ? 0 : i >= n ? n - 1 : i;
    }
}
