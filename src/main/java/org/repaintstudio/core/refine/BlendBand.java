package org.repaintstudio.core.refine;

import java.awt.image.BufferedImage;

import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.image.PackedRgb;
import org.repaintstudio.core.tensor.FloatPlanes;

/**
 * Puts a level's picture into the photo: weight 1 on masked pixels, falling linearly to 0 over
 * {@code width} pixels outside them (chamfer distance), 0 beyond, where the photo's pixels are kept
 * exactly. Works on the mask's bounding box plus the band only.
 */
final class BlendBand {
    private BlendBand() {}

    /** A rectangle of the photo (image pixels) and its new RGB values, row-major. */
    record Patch(Mask.Box rect, int[] rgb) {}

    static Mask.Box region(Mask mask, int width) {
        Mask.Box b = mask.bounds();
        int x0 = Math.max(0, b.x() - width - 1);
        int y0 = Math.max(0, b.y() - width - 1);
        int x1 = Math.min(mask.width(), b.right() + width + 1);
        int y1 = Math.min(mask.height(), b.bottom() + width + 1);
        return new Mask.Box(x0, y0, x1 - x0, y1 - y0);
    }

    /** The blended patch for a level picture {@code level} over {@code canvas} at {@code scale}. */
    static Patch patch(BufferedImage photo, Mask mask, int width, float[] level, Mask.Box canvas, int scale) {
        Mask.Box rect = region(mask, width);
        int[] rgb = photo.getRGB(rect.x(), rect.y(), rect.width(), rect.height(), null, 0, rect.width());
        float[] alpha = alpha(mask, rect, width);
        int hw = canvas.width() * canvas.height();
        for (int y = 0; y < rect.height(); y++) {
            double ly = FloatPlanes.clamp((rect.y() + y + 0.5) / scale - 0.5 - canvas.y(), canvas.height());
            for (int x = 0; x < rect.width(); x++) {
                int i = y * rect.width() + x;
                if (alpha[i] <= 0f) {
                    continue;
                }
                double lx = FloatPlanes.clamp((rect.x() + x + 0.5) / scale - 0.5 - canvas.x(), canvas.width());
                int gen = 0;
                for (int c = 0; c < 3; c++) {
                    float v = FloatPlanes.bilinear(level, c * hw, canvas.width(), canvas.height(), lx, ly);
                    gen |= toByte(v) << (16 - 8 * c);
                }
                rgb[i] = alpha[i] >= 1f ? gen : PackedRgb.mix(rgb[i], gen, alpha[i]);
            }
        }
        return new Patch(rect, rgb);
    }

    private static int toByte(float v) {
        return (int) Math.max(0, Math.min(255, Math.round((v + 1) * 127.5f)));
    }

    /** Blend weights over {@code rect}: chamfer (3-4) distance to the nearest masked pixel, in thirds of a pixel. */
    static float[] alpha(Mask mask, Mask.Box rect, int width) {
        int w = rect.width();
        int h = rect.height();
        int cap = 3 * (width + 1);
        int[] d = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                d[y * w + x] = mask.isFill(rect.x() + x, rect.y() + y) ? 0 : cap;
            }
        }
        chamferPass(d, w, h, 1);
        chamferPass(d, w, h, -1);
        float[] alpha = new float[w * h];
        for (int i = 0; i < alpha.length; i++) {
            double dist = d[i] / 3.0;
            alpha[i] = dist == 0 ? 1f : dist > width ? 0f : (float) (1 - dist / (width + 1));
        }
        return alpha;
    }

    /** One raster pass of the 3-4 chamfer transform, forwards ({@code dir} 1) or backwards (-1). */
    private static void chamferPass(int[] d, int w, int h, int dir) {
        for (int yy = 0; yy < h; yy++) {
            int y = dir > 0 ? yy : h - 1 - yy;
            for (int xx = 0; xx < w; xx++) {
                int x = dir > 0 ? xx : w - 1 - xx;
                int i = y * w + x;
                int v = d[i];
                int px = x - dir;
                int py = y - dir;
                if (px >= 0 && px < w) {
                    v = Math.min(v, d[y * w + px] + 3);
                }
                if (py >= 0 && py < h) {
                    v = Math.min(v, d[py * w + x] + 3);
                    if (px >= 0 && px < w) {
                        v = Math.min(v, d[py * w + px] + 4);
                    }
                    int qx = x + dir;
                    if (qx >= 0 && qx < w) {
                        v = Math.min(v, d[py * w + qx] + 4);
                    }
                }
                d[i] = v;
            }
        }
    }

    /** A full-size copy of the photo with the patch written in; the only full-size buffer, the result itself. */
    static BufferedImage apply(BufferedImage photo, Patch patch) {
        int w = photo.getWidth();
        int h = photo.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            photo.getRGB(0, y, w, 1, row, 0, w);
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        Mask.Box r = patch.rect();
        out.setRGB(r.x(), r.y(), r.width(), r.height(), patch.rgb(), 0, r.width());
        return out;
    }
}
