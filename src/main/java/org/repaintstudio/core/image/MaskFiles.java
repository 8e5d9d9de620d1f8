package org.repaintstudio.core.image;

import java.awt.image.BufferedImage;
import java.awt.color.ColorSpace;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.io.AtomicFiles;

/**
 * Mask images on disk. Reading takes the convention explicitly and thresholds brightness at 50%
 * (grey masks) after compositing any alpha onto black (transparent = dark). Masks are saved as
 * 8-bit greyscale PNG in RePaint Studio's convention: white = fill.
 */
public final class MaskFiles {
    /** Above this share of filled pixels a mask probably has the wrong convention. */
    public static final double INVERTED_WARNING_COVERAGE = 0.90;

    private MaskFiles() {}

    public static Mask read(Path file, MaskConvention convention) {
        BufferedImage img = readRaw(file);
        int w = img.getWidth();
        int h = img.getHeight();
        boolean[] fill = new boolean[w * h];
        double[] level = brightness(img);
        for (int i = 0; i < fill.length; i++) {
            fill[i] = convention.isFill(level[i] >= 127.5);
        }
        return Mask.wrap(w, h, fill);
    }

    /**
     * Brightness 0..255 of each pixel with alpha composited onto black. Grey images are read from
     * their samples: going through sRGB would apply the grey colour space's gamma and move the 50%
     * threshold.
     */
    private static double[] brightness(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        double[] out = new double[w * h];
        ColorModel cm = img.getColorModel();
        if (cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(cm instanceof IndexColorModel)) {
            Raster r = img.getRaster();
            double maxGrey = (1 << cm.getComponentSize(0)) - 1;
            boolean alpha = cm.hasAlpha() && r.getNumBands() > 1;
            double maxAlpha = alpha ? (1 << cm.getComponentSize(1)) - 1 : 1;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double v = r.getSample(x, y, 0) / maxGrey * 255;
                    if (alpha) {
                        v *= r.getSample(x, y, 1) / maxAlpha;
                    }
                    out[y * w + x] = v;
                }
            }
            return out;
        }
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            double lum = 0.299 * ((p >> 16) & 0xFF) + 0.587 * ((p >> 8) & 0xFF) + 0.114 * (p & 0xFF);
            out[i] = cm.hasAlpha() ? lum * ((p >>> 24) & 0xFF) / 255.0 : lum;
        }
        return out;
    }

    /** Mask images are decoded as stored (no colour conversion), still with the size guard. */
    private static BufferedImage readRaw(Path file) {
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            throw new UserFacingException("The mask file " + file + " does not exist.");
        }
        long[] pngSize = ImageFiles.pngHeaderSize(file);
        if (pngSize != null) {
            ImageFiles.checkSize(name, pngSize[0], pngSize[1]);
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new UserFacingException("The mask " + name + " is not an image RePaint Studio can read.");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                ImageFiles.checkSize(name, reader.getWidth(0), reader.getHeight(0));
                return reader.read(0);
            } catch (IOException | RuntimeException e) {
                if (e instanceof UserFacingException u) {
                    throw u;
                }
                throw new UserFacingException("The mask " + name + " is damaged and cannot be decoded.", e);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new UserFacingException("The mask " + name + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Writes a mask as greyscale PNG, white = fill. */
    public static void write(Mask mask, Path target, boolean overwrite) {
        AtomicFiles.write(target, overwrite, out -> ImageWriters.writePng(toImage(mask), Map.of(
                "Software", "RePaint Studio", "MaskConvention", "white = fill"), out));
    }

    /** The mask as an 8-bit grey image, white = fill. */
    public static BufferedImage toImage(Mask mask) {
        BufferedImage img = new BufferedImage(mask.width(), mask.height(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] data = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        boolean[] fill = mask.fillArray();
        for (int i = 0; i < fill.length; i++) {
            data[i] = fill[i] ? (byte) 255 : 0;
        }
        return img;
    }

    /** A warning for a mask that is probably inverted, or empty if it looks plausible. */
    public static Optional<String> invertedWarning(Mask mask, MaskConvention convention) {
        double c = mask.coverage();
        if (c > INVERTED_WARNING_COVERAGE && c < 1.0) {
            return Optional.of(String.format(Locale.ROOT,
                    "The mask would repaint %.0f%% of the image; is it inverted? It was read as '%s'.",
                    c * 100, convention.label()));
        }
        return Optional.empty();
    }

}
