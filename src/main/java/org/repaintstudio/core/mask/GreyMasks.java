package org.repaintstudio.core.mask;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.io.AtomicFiles;

/**
 * Soft masks as 8-bit grey PNG files (white = fill): the grey levels of soft brush edges and
 * feathering survive a save, and every binary reader still sees white as fill.
 */
public final class GreyMasks {
    private GreyMasks() {}

    /** Coverage bytes (0 = keep, 255 = fill) as a grey image of the same size. */
    public static BufferedImage toImage(byte[] coverage, int width, int height) {
        if (coverage.length != width * height) {
            throw new IllegalArgumentException("coverage size differs from " + width + "x" + height);
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        System.arraycopy(coverage, 0, data, 0, coverage.length);
        return img;
    }

    /** Writes atomically; an existing file is replaced only with {@code overwrite}. */
    public static void write(byte[] coverage, int width, int height, Path target, boolean overwrite) {
        BufferedImage img = toImage(coverage, width, height);
        AtomicFiles.write(target, overwrite, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new UserFacingException("No PNG writer is available to save " + target.getFileName() + ".");
            }
        });
    }
}
