package org.repaintstudio.core.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/** Tiles of images, and tensor-to-image conversion, for sample grids and reports. */
public final class ImageGrid {
    private ImageGrid() {}

    /** Images of equal size in rows of {@code columns}, separated by {@code gap} white pixels. */
    public static BufferedImage tile(List<BufferedImage> images, int columns, int gap) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images to tile");
        }
        int w = images.get(0).getWidth();
        int h = images.get(0).getHeight();
        int cols = Math.min(columns, images.size());
        int rows = (images.size() + cols - 1) / cols;
        BufferedImage out = new BufferedImage(cols * w + (cols + 1) * gap, rows * h + (rows + 1) * gap,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            for (int i = 0; i < images.size(); i++) {
                g.drawImage(images.get(i), gap + (i % cols) * (w + gap), gap + (i / cols) * (h + gap), null);
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Sample {@code n} of an NCHW tensor in [-1, 1], rounded as diffusers does. */
    public static BufferedImage fromTensor(float[] tensor, int w, int h, int n) {
        int hw = w * h;
        int base = n * 3 * hw;
        int[] px = new int[hw];
        for (int i = 0; i < hw; i++) {
            px[i] = (to8(tensor[base + i]) << 16) | (to8(tensor[base + hw + i]) << 8) | to8(tensor[base + 2 * hw + i]);
        }
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, w, h, px, 0, w);
        return img;
    }

    /** One value in [-1, 1] to 0..255: clamp(x / 2 + 0.5) × 255, rounded. */
    public static int to8(float v) {
        float u = Math.max(0f, Math.min(1f, v / 2f + 0.5f));
        return Math.round(u * 255f);
    }
}
