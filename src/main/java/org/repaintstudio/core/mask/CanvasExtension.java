package org.repaintstudio.core.mask;

import java.awt.image.BufferedImage;

/**
 * Outpainting's first step: a larger canvas with the picture's pixels copied exactly, the new
 * border filled by repeating the nearest edge pixel (a neutral start the fill replaces), and a
 * mask that fills exactly the new border.
 *
 * @param image the larger picture (TYPE_INT_RGB)
 * @param mask  coverage per pixel of {@code image}: 255 in the added border, 0 over the original
 */
public record CanvasExtension(BufferedImage image, byte[] mask) {

    /** Pixels to add on each side; all zero or more. */
    public record Margins(int top, int right, int bottom, int left) {
        public Margins {
            if (top < 0 || right < 0 || bottom < 0 || left < 0) {
                throw new IllegalArgumentException("Canvas margins cannot be negative.");
            }
        }

        public boolean isEmpty() {
            return top == 0 && right == 0 && bottom == 0 && left == 0;
        }
    }

    public static CanvasExtension of(BufferedImage src, Margins m) {
        int w = src.getWidth();
        int h = src.getHeight();
        int nw = Math.addExact(Math.addExact(w, m.left()), m.right());
        int nh = Math.addExact(Math.addExact(h, m.top()), m.bottom());
        int[] srcRgb = src.getRGB(0, 0, w, h, null, 0, w);
        int[] out = new int[Math.multiplyExact(nw, nh)];
        byte[] mask = new byte[out.length];
        for (int y = 0; y < nh; y++) {
            int sy = Math.min(h - 1, Math.max(0, y - m.top()));
            boolean rowInside = y >= m.top() && y < m.top() + h;
            for (int x = 0; x < nw; x++) {
                int sx = Math.min(w - 1, Math.max(0, x - m.left()));
                out[y * nw + x] = srcRgb[sy * w + sx];
                boolean inside = rowInside && x >= m.left() && x < m.left() + w;
                mask[y * nw + x] = inside ? 0 : (byte) 255;
            }
        }
        BufferedImage image = new BufferedImage(nw, nh, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, nw, nh, out, 0, nw);
        return new CanvasExtension(image, mask);
    }

    /**
     * Whether a mask fills a whole edge of the picture (every pixel of its first or last row or
     * column), as the border of an extended canvas does. Such a run is outpainting: everything
     * outside the mask is the picture itself and must keep its pixels exactly.
     */
    public static boolean isOutpaintingMask(org.repaintstudio.core.image.SoftMask mask) {
        int w = mask.width();
        int h = mask.height();
        return fullLine(mask, 0, 0, 1, 0, w) || fullLine(mask, 0, h - 1, 1, 0, w)
                || fullLine(mask, 0, 0, 0, 1, h) || fullLine(mask, w - 1, 0, 0, 1, h);
    }

    private static boolean fullLine(org.repaintstudio.core.image.SoftMask mask, int x, int y, int dx, int dy, int n) {
        for (int i = 0; i < n; i++) {
            if (mask.fill(x + i * dx, y + i * dy) < 1f) {
                return false;
            }
        }
        return true;
    }
}
