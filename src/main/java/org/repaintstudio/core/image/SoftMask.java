package org.repaintstudio.core.image;

/**
 * A mask with grey levels: per pixel, how much to fill, from 0 (keep exactly) to 1 (fill
 * completely). Brush hardness and feathering make soft edges; a binary {@link Mask} is the case
 * with only 0 and 1 ({@link #of(Mask)}). The engine crops around the pixels with any fill, gives the
 * model a keep-mask of {@code 1 - fill}, and blends the result in with {@code fill} as the weight.
 */
public final class SoftMask {
    private final int width;
    private final int height;
    private final float[] fill;

    private SoftMask(int width, int height, float[] fill) {
        this.width = width;
        this.height = height;
        this.fill = fill;
    }

    /** The binary mask as fill weights 1 and 0. */
    public static SoftMask of(Mask mask) {
        boolean[] src = mask.fillArray();
        float[] f = new float[src.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = src[i] ? 1f : 0f;
        }
        return new SoftMask(mask.width(), mask.height(), f);
    }

    /**
     * Wraps row-major fill weights without copying (the caller must not change them afterwards).
     * Values are clamped to [0, 1]; NaN counts as 0.
     */
    public static SoftMask wrap(int width, int height, float[] fill) {
        if (width < 1 || height < 1 || fill.length != Math.multiplyExact(width, height)) {
            throw new IllegalArgumentException("fill array does not match " + width + "x" + height);
        }
        for (int i = 0; i < fill.length; i++) {
            float v = fill[i];
            fill[i] = v > 0f ? Math.min(1f, v) : 0f;
        }
        return new SoftMask(width, height, fill);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Fill weight at a pixel, 0..1. */
    public float fill(int x, int y) {
        return fill[y * width + x];
    }

    /** The pixels with any fill: what the crop plan and the empty check look at. */
    public Mask support() {
        boolean[] any = new boolean[fill.length];
        for (int i = 0; i < fill.length; i++) {
            any[i] = fill[i] > 0f;
        }
        return Mask.wrap(width, height, any);
    }

    /** True when every weight is 0 or 1. */
    public boolean isBinary() {
        for (float v : fill) {
            if (v != 0f && v != 1f) {
                return false;
            }
        }
        return true;
    }

    public boolean isEmpty() {
        for (float v : fill) {
            if (v > 0f) {
                return false;
            }
        }
        return true;
    }

    /** Mean fill weight over the image. */
    public double coverage() {
        double sum = 0;
        for (float v : fill) {
            sum += v;
        }
        return sum / fill.length;
    }
}
