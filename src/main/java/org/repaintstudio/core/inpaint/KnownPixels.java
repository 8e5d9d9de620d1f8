package org.repaintstudio.core.inpaint;

import java.awt.image.BufferedImage;

import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.image.PackedRgb;
import org.repaintstudio.core.image.SoftMask;

/**
 * Makes the mask's own fill weight the blend weight of a result: a pixel with weight 0 takes the
 * input's value exactly, weight 1 keeps the result's, and a grey level mixes them. Used where no
 * blend band may reach outside the mask (outpainting keeps every known pixel) and for soft masks,
 * whose grey edge already is the blend.
 */
final class KnownPixels {
    private KnownPixels() {}

    /**
     * Applies the rule over {@code region} (image pixels) of {@code target}, whose top-left pixel
     * lies at image pixel ({@code originX}, {@code originY}).
     */
    static void weightByFill(BufferedImage input, SoftMask mask, BufferedImage target, int originX, int originY,
                             Mask.Box region) {
        int w = region.width();
        int[] in = new int[w];
        int[] out = new int[w];
        for (int y = region.y(); y < region.bottom(); y++) {
            input.getRGB(region.x(), y, w, 1, in, 0, w);
            target.getRGB(region.x() - originX, y - originY, w, 1, out, 0, w);
            for (int i = 0; i < w; i++) {
                float f = mask.fill(region.x() + i, y);
                out[i] = f <= 0f ? in[i] : f >= 1f ? out[i] : 0xFF000000 | PackedRgb.mix(in[i], out[i], f);
            }
            target.setRGB(region.x() - originX, y - originY, w, 1, out, 0, w);
        }
    }

    /** The support's bounding box grown by {@code margin}, within the image. */
    static Mask.Box around(SoftMask mask, int margin) {
        Mask.Box b = mask.support().bounds();
        int x0 = Math.max(0, b.x() - margin);
        int y0 = Math.max(0, b.y() - margin);
        int x1 = Math.min(mask.width(), b.right() + margin);
        int y1 = Math.min(mask.height(), b.bottom() + margin);
        return new Mask.Box(x0, y0, x1 - x0, y1 - y0);
    }
}
