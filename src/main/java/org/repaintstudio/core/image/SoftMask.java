package org.repaintstudio.core.image;

/**
 * A mask with grey levels: per pixel, how much to fill, from 0 (keep exactly) to 1 (fill
 * completely). Brush hardness and feathering make soft edges; a binary {@link Mask} is the case
 * with only 0 and 1 ({@link #of(Mask)}). The engine crops around the pixels with any fill, gives the
 * model a keep-mask of {@code 1 - fill}, and blends the result in with {@code fill} as the weight.
 * Weights are stored as 8-bit levels (0..255), one byte per pixel like a binary mask, so a large
 * image costs no more memory than before; 255 is exactly 1 and 0 exactly 0.
 */
public final class SoftMask {
    private final int width;
    private final int height;
    private final byte[] fill;

    private SoftMask(int width, int height, byte[] fill) {
        this.width = width;
        this.height = height;
        this.fill = fill;
    }

    /** The binary mask as fill weights 1 and 0. */
    public static SoftMask of(Mask mask) {
        boolean[] src = mask.fillArray();
        byte[] f = new byte[src.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = src[i] ? (byte) 255 : 0;
        }
        return new SoftMask(mask.width(), mask.height(), f);
    }

    /**
     * Row-major fill weights, clamped to [0, 1] (NaN counts as 0) and rounded to 8-bit levels.
     */
    public static SoftMask of(int width, int height, float[] fill) {
        checkSize(width, height, fill.length);
        byte[] levels = new byte[fill.length];
        for (int i = 0; i < fill.length; i++) {
            float v = fill[i];
            levels[i] = (byte) Math.round((v > 0f ? Math.min(1f, v) : 0f) * 255f);
        }
        return new SoftMask(width, height, levels);
    }

    /**
     * Wraps row-major 8-bit fill levels (0 = keep, 255 = fill; e.g. a brush raster's alpha) without
     * copying; the caller must not change them afterwards.
     */
    public static SoftMask wrapLevels(int width, int height, byte[] levels) {
        checkSize(width, height, levels.length);
        return new SoftMask(width, height, levels);
    }

    private static void checkSize(int width, int height, int length) {
        if (width < 1 || height < 1 || length != Math.multiplyExact(width, height)) {
            throw new IllegalArgumentException("fill array does not match " + width + "x" + height);
        }
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Fill weight at a pixel, 0..1. */
    public float fill(int x, int y) {
        return (fill[y * width + x] & 0xFF) / 255f;
    }

    /** The pixels with any fill: what the crop plan and the empty check look at. */
    public Mask support() {
        boolean[] any = new boolean[fill.length];
        for (int i = 0; i < fill.length; i++) {
            any[i] = fill[i] != 0;
        }
        return Mask.wrap(width, height, any);
    }

    /** True when every weight is 0 or 1. */
    public boolean isBinary() {
        for (byte v : fill) {
            if (v != 0 && v != (byte) 255) {
                return false;
            }
        }
        return true;
    }

    public boolean isEmpty() {
        for (byte v : fill) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    /** Mean fill weight over the image. */
    public double coverage() {
        double sum = 0;
        for (byte v : fill) {
            sum += v & 0xFF;
        }
        return sum / 255.0 / fill.length;
    }
}
