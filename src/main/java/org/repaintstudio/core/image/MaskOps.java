package org.repaintstudio.core.image;

/** Whole-mask operations. */
public final class MaskOps {
    private MaskOps() {}

    /** Nearest-neighbour resize, for a mask drawn at another resolution. */
    public static Mask resizeNearest(Mask m, int width, int height) {
        Mask out = new Mask(width, height);
        boolean[] dst = out.fillArray();
        for (int y = 0; y < height; y++) {
            int sy = Math.min(m.height() - 1, (int) ((y + 0.5) * m.height() / height));
            for (int x = 0; x < width; x++) {
                int sx = Math.min(m.width() - 1, (int) ((x + 0.5) * m.width() / width));
                dst[y * width + x] = m.isFill(sx, sy);
            }
        }
        return out;
    }
}
