package org.repaintstudio.core.image;

/** Arithmetic on packed 0xRRGGBB pixels, as {@code BufferedImage.getRGB} returns them. */
public final class PackedRgb {
    private PackedRgb() {}

    /** {@code a + (b − a)·t} per channel, rounded; the result's alpha byte is 0. */
    public static int mix(int a, int b, float t) {
        int out = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int ca = (a >> shift) & 0xFF;
            int cb = (b >> shift) & 0xFF;
            out |= Math.round(ca + (cb - ca) * t) << shift;
        }
        return out;
    }
}
