package org.repaintstudio.core.tensor;

/** Sampling of one channel plane of a row-major float image (CHW tensors keep their planes one after another). */
public final class FloatPlanes {
    private FloatPlanes() {}

    /**
     * Bilinear sample of the w×h plane starting at {@code base}, at pixel coordinates already clamped to
     * [0, w − 1] × [0, h − 1] (callers clamp once per row, not once per sample).
     */
    public static float bilinear(float[] t, int base, int w, int h, double x, double y) {
        int x0 = (int) x;
        int y0 = (int) y;
        int x1 = Math.min(w - 1, x0 + 1);
        int y1 = Math.min(h - 1, y0 + 1);
        double fx = x - x0;
        double fy = y - y0;
        double top = t[base + y0 * w + x0] * (1 - fx) + t[base + y0 * w + x1] * fx;
        double bottom = t[base + y1 * w + x0] * (1 - fx) + t[base + y1 * w + x1] * fx;
        return (float) (top * (1 - fy) + bottom * fy);
    }

    /** A pixel coordinate clamped to [0, size − 1], as {@link #bilinear} expects. */
    public static double clamp(double v, int size) {
        return Math.max(0, Math.min(size - 1, v));
    }
}
