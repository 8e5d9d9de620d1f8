package org.repaintstudio.app.edit;

import java.awt.image.BufferedImage;
import java.util.function.Consumer;

/** An undoable change of image pixels: compressed XOR of before and after over a rectangle. */
public final class ImageEdit implements EditHistory.Edit {
    private final String label;
    private final BufferedImage image;
    private final PixelRect rect;
    private final byte[] packed;
    private final Consumer<PixelRect> changed;

    private ImageEdit(String label, BufferedImage image, PixelRect rect, byte[] packed, Consumer<PixelRect> changed) {
        this.label = label;
        this.image = image;
        this.rect = rect;
        this.packed = packed;
        this.changed = changed;
    }

    /**
     * Copies {@code replacement}'s pixels inside {@code area} into {@code image} and returns the
     * edit, or null when nothing differs. {@code changed} hears about every change (apply, undo, redo).
     */
    public static ImageEdit apply(String label, BufferedImage image, BufferedImage replacement, PixelRect area,
                                  Consumer<PixelRect> changed) {
        PixelRect rect = area.clip(image.getWidth(), image.getHeight());
        if (rect.isEmpty()) {
            return null;
        }
        int n = rect.width() * rect.height();
        int[] before = image.getRGB(rect.x(), rect.y(), rect.width(), rect.height(), null, 0, rect.width());
        int[] after = replacement.getRGB(rect.x(), rect.y(), rect.width(), rect.height(), null, 0, rect.width());
        byte[] delta = new byte[n * 3];
        boolean any = false;
        for (int i = 0; i < n; i++) {
            int d = (before[i] ^ after[i]) & 0xFFFFFF;
            any |= d != 0;
            // Planar bytes compress better than interleaved ones.
            delta[i] = (byte) (d >> 16);
            delta[n + i] = (byte) (d >> 8);
            delta[2 * n + i] = (byte) d;
        }
        if (!any) {
            return null;
        }
        image.setRGB(rect.x(), rect.y(), rect.width(), rect.height(), after, 0, rect.width());
        changed.accept(rect);
        return new ImageEdit(label, image, rect, Deltas.deflate(delta), changed);
    }

    private void toggle() {
        int n = rect.width() * rect.height();
        byte[] delta = Deltas.inflate(packed, n * 3);
        int[] px = image.getRGB(rect.x(), rect.y(), rect.width(), rect.height(), null, 0, rect.width());
        for (int i = 0; i < n; i++) {
            int d = ((delta[i] & 0xFF) << 16) | ((delta[n + i] & 0xFF) << 8) | (delta[2 * n + i] & 0xFF);
            px[i] ^= d;
        }
        image.setRGB(rect.x(), rect.y(), rect.width(), rect.height(), px, 0, rect.width());
        changed.accept(rect);
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public void undo() {
        toggle();
    }

    @Override
    public void redo() {
        toggle();
    }

    @Override
    public long sizeBytes() {
        return packed.length + 64L;
    }
}
