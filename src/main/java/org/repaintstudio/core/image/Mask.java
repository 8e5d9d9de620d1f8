package org.repaintstudio.core.image;

import java.util.Arrays;

/**
 * A binary inpainting mask in the app's own convention: {@code true} (white when saved) marks a
 * pixel to fill, {@code false} a pixel to keep. Conversions to other conventions live in
 * {@link MaskConvention}.
 */
public final class Mask {
    private final int width;
    private final int height;
    private final boolean[] fill;

    public Mask(int width, int height) {
        this(width, height, new boolean[checkedSize(width, height)]);
    }

    private Mask(int width, int height, boolean[] fill) {
        this.width = width;
        this.height = height;
        this.fill = fill;
    }

    private static int checkedSize(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("mask size must be positive: " + width + "x" + height);
        }
        return Math.multiplyExact(width, height);
    }

    /** Wraps a row-major fill array (true = fill) without copying. */
    public static Mask wrap(int width, int height, boolean[] fill) {
        if (fill.length != checkedSize(width, height)) {
            throw new IllegalArgumentException("fill array does not match " + width + "x" + height);
        }
        return new Mask(width, height, fill);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public boolean isFill(int x, int y) {
        return fill[y * width + x];
    }

    public void set(int x, int y, boolean toFill) {
        fill[y * width + x] = toFill;
    }

    /** The row-major backing array (true = fill); writes go through to this mask. */
    public boolean[] fillArray() {
        return fill;
    }

    public Mask copy() {
        return new Mask(width, height, fill.clone());
    }

    public void fillAll(boolean toFill) {
        Arrays.fill(fill, toFill);
    }

    public void invert() {
        for (int i = 0; i < fill.length; i++) {
            fill[i] = !fill[i];
        }
    }

    public long fillCount() {
        long n = 0;
        for (boolean b : fill) {
            if (b) {
                n++;
            }
        }
        return n;
    }

    /** Fraction of pixels to fill, 0..1. */
    public double coverage() {
        return fillCount() / (double) fill.length;
    }

    public boolean isEmpty() {
        for (boolean b : fill) {
            if (b) {
                return false;
            }
        }
        return true;
    }

    public boolean isFull() {
        for (boolean b : fill) {
            if (!b) {
                return false;
            }
        }
        return true;
    }

    /** Bounding box of the fill pixels, or null when there are none. */
    public Box bounds() {
        int minX = width;
        int minY = height;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                if (fill[row + x]) {
                    if (x < minX) {
                        minX = x;
                    }
                    if (x > maxX) {
                        maxX = x;
                    }
                    minY = Math.min(minY, y);
                    maxY = y;
                }
            }
        }
        return maxX < 0 ? null : new Box(minX, minY, maxX - minX + 1, maxY - minY + 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mask m && m.width == width && m.height == height && Arrays.equals(m.fill, fill);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(fill);
    }

    /** An axis-aligned pixel rectangle. */
    public record Box(int x, int y, int width, int height) {
        public int right() {
            return x + width;
        }

        public int bottom() {
            return y + height;
        }
    }
}
