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
 * (grey masks) after compositing any alpha onto black (transparent = dark); a mask whose colour is
 * uniform and whose shape is only in alpha is read from alpha (opaque = white). Masks are saved as
 * 8-bit greyscale PNG in RePaint Studio's convention: white = fill.
 */
public final class MaskFiles {
    /** Above this share of filled pixels a mask probably has the wrong convention. */
    public static final double INVERTED_WARNING_COVERAGE = 0.90;

    private MaskFiles() {}

    public static Mask read(Path file, MaskConvention convention) {
        BufferedImage img = ImageFiles.decode(file, "mask ", true);
        int w = img.getWidth();
        int h = img.getHeight();
        boolean[] fill = new boolean[w * h];
        LevelReader levels = new LevelReader(img);
        boolean alphaOnly = levels.shapeIsInAlphaOnly();
        double[] row = new double[w];
        for (int y = 0; y < h; y++) {
            levels.row(y, alphaOnly, row);
            for (int x = 0; x < w; x++) {
                fill[y * w + x] = convention.isFill(row[x] >= 127.5);
            }
        }
        return Mask.wrap(w, h, fill);
    }

    /**
     * Brightness 0..255 of a mask's pixels, a row at a time. Colour (or grey) is composited onto black
     * by alpha, so transparent counts as dark; but when the colour is the same everywhere and only
     * alpha varies (a black brush on a transparent layer), alpha alone is the level: opaque = white.
     * Grey images are read from their samples: going through sRGB would apply the grey colour
     * space's gamma and move the 50% threshold.
     */
    private static final class LevelReader {
        private final BufferedImage img;
        private final Raster raster;
        private final boolean grey;
        private final boolean alpha;
        private final double maxGrey;
        private final double maxAlpha;
        private final int[] argb;

        LevelReader(BufferedImage img) {
            this.img = img;
            this.raster = img.getRaster();
            ColorModel cm = img.getColorModel();
            this.grey = cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(cm instanceof IndexColorModel);
            this.alpha = cm.hasAlpha() && (!grey || raster.getNumBands() > 1);
            this.maxGrey = grey ? (1 << cm.getComponentSize(0)) - 1 : 255;
            this.maxAlpha = grey && alpha ? (1 << cm.getComponentSize(1)) - 1 : 255;
            this.argb = new int[img.getWidth()];
        }

        /** Colour 0..255 of pixel x in the row last loaded. */
        private double colour(int x, int y) {
            if (grey) {
                return raster.getSample(x, y, 0) / maxGrey * 255;
            }
            int p = argb[x];
            return 0.299 * ((p >> 16) & 0xFF) + 0.587 * ((p >> 8) & 0xFF) + 0.114 * (p & 0xFF);
        }

        /** Alpha 0..1 of pixel x in the row last loaded. */
        private double alphaOf(int x, int y) {
            if (!alpha) {
                return 1;
            }
            return grey ? raster.getSample(x, y, 1) / maxAlpha : ((argb[x] >>> 24) & 0xFF) / 255.0;
        }

        private void load(int y) {
            if (!grey) {
                img.getRGB(0, y, img.getWidth(), 1, argb, 0, img.getWidth());
            }
        }

        /** True when every visible pixel has the same colour but alpha varies. */
        boolean shapeIsInAlphaOnly() {
            if (!alpha) {
                return false;
            }
            double firstColour = Double.NaN;
            double firstAlpha = Double.NaN;
            boolean alphaVaries = false;
            for (int y = 0; y < img.getHeight(); y++) {
                load(y);
                for (int x = 0; x < img.getWidth(); x++) {
                    double c = colour(x, y);
                    double a = alphaOf(x, y);
                    if (Double.isNaN(firstAlpha)) {
                        firstAlpha = a;
                    }
                    if (a > 0 && Double.isNaN(firstColour)) {
                        firstColour = c;
                    } else if (a > 0 && Math.abs(c - firstColour) > 0.5) {
                        return false; // a visible pixel of another colour: the colour carries the shape
                    }
                    alphaVaries |= Math.abs(a - firstAlpha) > 1e-9;
                }
            }
            return alphaVaries;
        }

        void row(int y, boolean alphaOnly, double[] out) {
            load(y);
            for (int x = 0; x < out.length; x++) {
                double a = alphaOf(x, y);
                out[x] = alphaOnly ? a * 255 : colour(x, y) * a;
            }
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
        if (c > INVERTED_WARNING_COVERAGE) {
            return Optional.of(String.format(Locale.ROOT,
                    "The mask would repaint %.0f%% of the image; is it inverted? It was read as '%s'.",
                    c * 100, convention.label()));
        }
        return Optional.empty();
    }

}
