package org.repaintstudio.core.mask;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import javax.imageio.ImageIO;

/** "Mask from the picture's alpha channel": transparent pixels are the ones to fill. */
public final class AlphaMask {
    private AlphaMask() {}

    /** Coverage 255 − alpha per pixel, or empty when the image has no alpha or is fully opaque. */
    public static Optional<byte[]> of(BufferedImage image) {
        if (!image.getColorModel().hasAlpha()) {
            return Optional.empty();
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] out = new byte[argb.length];
        boolean any = false;
        for (int i = 0; i < argb.length; i++) {
            int transparency = 255 - (argb[i] >>> 24);
            out[i] = (byte) transparency;
            any |= transparency != 0;
        }
        return any ? Optional.of(out) : Optional.empty();
    }

    /** Reads the alpha of a picture file (the opened picture itself is kept without alpha). */
    public static Optional<byte[]> read(Path file) throws IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        return img == null ? Optional.empty() : of(img);
    }
}
