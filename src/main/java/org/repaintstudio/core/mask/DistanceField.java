package org.repaintstudio.core.mask;

/**
 * Exact Euclidean distance from every pixel to the nearest pixel of a set, in O(pixels), by the
 * lower envelope of parabolas of Felzenszwalb and Huttenlocher ("Distance Transforms of Sampled
 * Functions", 2012), run over the columns and then the rows. Grow and shrink read it once per
 * command and then only threshold it, so a slider preview stays quick at 4000×3000.
 */
public final class DistanceField {
    private static final float FAR = 1e20f;

    private DistanceField() {}

    /**
     * Distance (in pixels) from each pixel to the nearest pixel whose coverage is at least
     * {@code threshold} ({@code inside = true}) or below it ({@code inside = false}); 0 on the set itself.
     */
    public static float[] of(byte[] coverage, int width, int height, int threshold, boolean inside) {
        return fieldOf(members(coverage, threshold, inside), width, height);
    }

    /**
     * Distance from each pixel to the nearest pixel of {@code set} ({@code inside = true}) or outside
     * it ({@code inside = false}); 0 on those pixels themselves.
     */
    public static float[] of(boolean[] set, int width, int height, boolean inside) {
        boolean[] members = new boolean[set.length];
        for (int i = 0; i < set.length; i++) {
            members[i] = set[i] == inside;
        }
        return fieldOf(members, width, height);
    }

    /** The pixels of a set, as ascending indices. */
    public static int[] indicesOf(boolean[] set) {
        int n = 0;
        for (boolean m : set) {
            n += m ? 1 : 0;
        }
        int[] out = new int[n];
        int k = 0;
        for (int p = 0; p < set.length; p++) {
            if (set[p]) {
                out[k++] = p;
            }
        }
        return out;
    }

    private static boolean[] members(byte[] coverage, int threshold, boolean inside) {
        boolean[] members = new boolean[coverage.length];
        for (int i = 0; i < coverage.length; i++) {
            members[i] = ((coverage[i] & 0xFF) >= threshold) == inside;
        }
        return members;
    }

    /** Distance to the nearest member, columns then rows. */
    private static float[] fieldOf(boolean[] members, int width, int height) {
        float[] f = new float[members.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = members[i] ? 0 : FAR;
        }
        int n = Math.max(width, height);
        float[] line = new float[n];
        float[] out = new float[n];
        int[] v = new int[n];
        float[] z = new float[n + 1];
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                line[y] = f[y * width + x];
            }
            transform(line, height, out, v, z);
            for (int y = 0; y < height; y++) {
                f[y * width + x] = out[y];
            }
        }
        for (int y = 0; y < height; y++) {
            System.arraycopy(f, y * width, line, 0, width);
            transform(line, width, out, v, z);
            for (int x = 0; x < width; x++) {
                f[y * width + x] = (float) Math.sqrt(out[x]);
            }
        }
        return f;
    }

    /** One-dimensional squared distance transform of {@code f[0..n)} into {@code d}. */
    private static void transform(float[] f, int n, float[] d, int[] v, float[] z) {
        int k = 0;
        v[0] = 0;
        z[0] = -Float.MAX_VALUE;
        z[1] = Float.MAX_VALUE;
        for (int q = 1; q < n; q++) {
            float s = intersection(f, q, v[k]);
            while (s <= z[k]) {
                k--;
                s = intersection(f, q, v[k]);
            }
            k++;
            v[k] = q;
            z[k] = s;
            z[k + 1] = Float.MAX_VALUE;
        }
        k = 0;
        for (int q = 0; q < n; q++) {
            while (z[k + 1] < q) {
                k++;
            }
            float dq = q - v[k];
            d[q] = dq * dq + f[v[k]];
        }
    }

    private static float intersection(float[] f, int q, int p) {
        return ((f[q] + (float) q * q) - (f[p] + (float) p * p)) / (2f * q - 2f * p);
    }
}
