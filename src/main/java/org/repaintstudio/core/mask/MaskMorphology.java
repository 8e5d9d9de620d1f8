package org.repaintstudio.core.mask;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Grow, shrink and feather a coverage mask (one byte per pixel, 0 = keep, 255 = fill). Grow and
 * shrink use a {@link DistanceField}, so the result is a true disc of the given radius at any
 * size, with a one-pixel soft edge; feather is three box blurs (close to a Gaussian), each
 * separable with running sums, so every operation is O(pixels) whatever the radius. Each works
 * only on the part of the picture the mask's edge can reach, so an object-sized mask on a large
 * picture costs what the object does.
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
            out[i] = (byte) offsetValue(coverage[i] & 0xFF, toFill == null ? 0 : toFill[i],
                    toKeep == null ? 0 : toKeep[i], radius);
        }
        return out;
    }

    private static int offsetValue(int old, float toFill, float toKeep, double radius) {
        if (radius >= 0) {
            return Math.max(old, edge(radius + 1 - toFill));
        }
        return old >= THRESHOLD ? Math.min(old, edge(toKeep + radius)) : old;
    }

    /** Grows (positive) or shrinks (negative) the mask by {@code radius} pixels in one call. */
    public static byte[] offset(byte[] coverage, int width, int height, double radius) {
        return prepareOffset(coverage, width, height).apply(radius);
    }

    /** Grow and shrink of one mask, for a slider: see {@link Offset}. */
    public static Offset prepareOffset(byte[] coverage, int width, int height) {
        return new Offset(coverage, width, height);
    }

    /**
     * Grow and shrink of one mask by any amount. The distance fields cover only the part of the
     * picture the edge can reach: the fill's bounding box, widened by the largest grow asked for so
     * far (a shrink stays inside it). Outside that part the mask cannot change, so the result is
     * exactly the whole-picture one, and an object-sized mask on a 12-megapixel picture costs what
     * the object does. Each field is computed on first use; later amounts only threshold it.
     * Safe to call from a preview thread and the UI thread.
     */
    public static final class Offset {
        private final byte[] coverage;
        private final int width;
        private final int height;
        private final Region fill;
        private Region growArea;
        private float[] toFill;
        private float[] toKeep;

        Offset(byte[] coverage, int width, int height) {
            if (coverage.length != width * height) {
                throw new IllegalArgumentException("coverage size differs from " + width + "x" + height);
            }
            this.coverage = coverage;
            this.width = width;
            this.height = height;
            this.fill = Region.bounding(coverage, width, height, THRESHOLD);
        }

        /** The mask grown ({@code radius > 0}) or shrunk by {@code radius} pixels; a new array. */
        public synchronized byte[] apply(double radius) {
            byte[] out = coverage.clone();
            if (fill == null) {
                return out; // no fill pixel: nothing to grow from or shrink
            }
            Region area;
            float[] field;
            if (radius >= 0) {
                int reach = (int) Math.ceil(radius) + 2;
                if (growArea == null || growArea.margin < reach) {
                    // Widen generously, so a slider moving up does not recompute on every step.
                    growArea = fill.widened(Math.max(reach, Math.min(2 * reach, reach + 32)), width, height);
                    toFill = DistanceField.of(growArea.copy(coverage, width), growArea.w, growArea.h, THRESHOLD, true);
                }
                area = growArea;
                field = toFill;
            } else {
                area = fill.widened(1, width, height);
                if (toKeep == null) {
                    toKeep = DistanceField.of(area.copy(coverage, width), area.w, area.h, THRESHOLD, false);
                }
                field = toKeep;
            }
            for (int y = 0; y < area.h; y++) {
                int src = (area.y + y) * width + area.x;
                for (int x = 0, i = y * area.w; x < area.w; x++, i++) {
                    out[src + x] = (byte) offsetValue(coverage[src + x] & 0xFF, field[i], field[i], radius);
                }
            }
            return out;
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** A rectangle of the picture, with the margin it was widened by. */
    private record Region(int x, int y, int w, int h, int margin) {
        /**
         * The bounding box of the pixels at or above {@code threshold} (1 or 128), or null if there
         * are none. Rows are tested eight bytes at a time, so an empty 12-megapixel mask costs a
         * few milliseconds; only rows that hold such pixels are looked at pixel by pixel.
         */
        static Region bounding(byte[] coverage, int width, int height, int threshold) {
            if (threshold != 1 && threshold != 128) {
                throw new IllegalArgumentException("threshold must be 1 or 128: " + threshold);
            }
            // A byte >= 128 has its top bit set; a byte >= 1 is any non-zero byte.
            long bits = threshold == 128 ? 0x8080808080808080L : -1L;
            int minX = width, minY = -1, maxX = -1, maxY = -1;
            for (int y = 0; y < height; y++) {
                int row = y * width;
                if (!rowHasAny(coverage, row, width, bits, threshold)) {
                    continue;
                }
                int first = 0;
                while ((coverage[row + first] & 0xFF) < threshold) {
                    first++;
                }
                int last = width - 1;
                while ((coverage[row + last] & 0xFF) < threshold) {
                    last--;
                }
                minX = Math.min(minX, first);
                maxX = Math.max(maxX, last);
                if (minY < 0) {
                    minY = y;
                }
                maxY = y;
            }
            return minY < 0 ? null : new Region(minX, minY, maxX - minX + 1, maxY - minY + 1, 0);
        }

        private static boolean rowHasAny(byte[] data, int from, int length, long bits, int threshold) {
            int i = from;
            int end = from + length;
            for (; i + 8 <= end; i += 8) {
                if (((long) LONGS.get(data, i) & bits) != 0) {
                    return true;
                }
            }
            for (; i < end; i++) {
                if ((data[i] & 0xFF) >= threshold) {
                    return true;
                }
            }
            return false;
        }

        /** This rectangle widened by {@code by} pixels on every side, within the picture. */
        Region widened(int by, int width, int height) {
            int x0 = Math.max(0, x - by);
            int y0 = Math.max(0, y - by);
            int x1 = Math.min(width, x + w + by);
            int y1 = Math.min(height, y + h + by);
            return new Region(x0, y0, x1 - x0, y1 - y0, margin + by);
        }

        byte[] copy(byte[] data, int width) {
            byte[] out = new byte[w * h];
            for (int r = 0; r < h; r++) {
                System.arraycopy(data, (y + r) * width + x, out, r * w, w);
            }
            return out;
        }

        void paste(byte[] part, byte[] data, int width) {
            for (int r = 0; r < h; r++) {
                System.arraycopy(part, r * w, data, (y + r) * width + x, w);
            }
        }
    }

    /** A 0..1 ramp one pixel wide, as coverage 0..255. */
    private static int edge(double t) {
        return t >= 1 ? 255 : t <= 0 ? 0 : (int) Math.round(255 * t);
    }

    /**
     * Softens the mask's edges over about {@code radius} pixels; fill deep inside stays fill. Only
     * the bounding box of the mask, widened by the blur's reach, is blurred: beyond it every value
     * stays 0, so the result is exactly the whole-picture blur's.
     */
    public static byte[] feather(byte[] coverage, int width, int height, int radius) {
        if (radius <= 0) {
            return coverage.clone();
        }
        // Three box passes of this half-width have about the standard deviation radius / 2.
        int half = Math.max(1, (int) Math.round(radius / 2.0));
        Region any = Region.bounding(coverage, width, height, 1);
        if (any == null) {
            return coverage.clone();
        }
        Region area = any.widened(3 * half + 1, width, height);
        byte[] out = coverage.clone();
        area.paste(blur(area.copy(coverage, width), area.w, area.h, half), out, width);
        return out;
    }

    /** Three separable box blurs of half-width {@code half}, clamped at the edges. */
    static byte[] blur(byte[] coverage, int width, int height, int half) {
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
            int sum = 0; // at most 255 × window: an int, and int division is the quick one
            for (int k = -r; k <= r; k++) {
                sum += src[row + clamp(k, width)];
            }
            for (int x = 0; x < width; x++) {
                dst[row + x] = (sum + window / 2) / window;
                sum += src[row + clamp(x + r + 1, width)] - src[row + clamp(x - r, width)];
            }
        }
    }

    private static void boxColumns(int[] src, int[] dst, int width, int height, int r) {
        int window = 2 * r + 1;
        int[] sums = new int[width];
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
                dst[row + x] = (sums[x] + window / 2) / window;
                sums[x] += src[add + x] - src[drop + x];
            }
        }
    }

    private static int clamp(int i, int n) {
        return i < 0 ? 0 : i >= n ? n - 1 : i;
    }
}
