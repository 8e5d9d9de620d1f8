package org.repaintstudio.core.image;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;

import org.repaintstudio.core.UserFacingException;

/**
 * Reads images for inpainting: PNG, JPEG (EXIF orientation applied), BMP, GIF, and WebP and TIFF
 * through the TwelveMonkeys ImageIO plugins. Sizes are checked from the header before decoding,
 * so a huge image is refused without filling the heap. Results are opaque RGB; transparent
 * pixels are composited onto white.
 */
public final class ImageFiles {
    /** Largest image accepted, in pixels (64 MP, e.g. 9000×7000). */
    public static final long MAX_PIXELS = 64_000_000L;
    /** Largest accepted side, in pixels. */
    public static final int MAX_SIDE = 20_000;

    public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif", "webp", "tif", "tiff");

    static {
        ImageIO.setUseCache(false);
        ImageIO.scanForPlugins();
    }

    private ImageFiles() {}

    public static boolean hasImageExtension(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(name.substring(dot + 1));
    }

    /** Reads an image as TYPE_INT_RGB, upright. */
    public static BufferedImage read(Path file) {
        String name = file.getFileName().toString();
        if (Files.isDirectory(file)) {
            throw new UserFacingException(name + " is a folder, not an image.");
        }
        if (!Files.isRegularFile(file)) {
            throw new UserFacingException("The file " + file + " does not exist.");
        }
        if (!Files.isReadable(file)) {
            throw new UserFacingException("The file " + name + " cannot be read (permission denied).");
        }
        long[] pngSize = pngHeaderSize(file);
        if (pngSize != null) {
            checkSize(name, pngSize[0], pngSize[1]);
        }
        BufferedImage decoded;
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new UserFacingException("The file " + name + " cannot be opened.");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new UserFacingException(name + " is not an image RePaint Studio can read "
                        + "(PNG, JPEG, BMP, GIF, WebP or TIFF).");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w;
                int h;
                try {
                    w = reader.getWidth(0);
                    h = reader.getHeight(0);
                } catch (IOException | RuntimeException e) {
                    throw new UserFacingException(name + " is damaged: its header cannot be read.", e);
                }
                checkSize(name, w, h);
                try {
                    decoded = reader.read(0);
                } catch (IOException | RuntimeException e) {
                    throw new UserFacingException(name + " is damaged or incomplete and cannot be decoded.", e);
                }
            } finally {
                reader.dispose();
            }
        } catch (NoSuchFileException e) {
            throw new UserFacingException("The file " + file + " does not exist.", e);
        } catch (IOException e) {
            throw new UserFacingException("The file " + name + " cannot be read: " + e.getMessage(), e);
        }
        if (decoded == null) {
            throw new UserFacingException(name + " holds no image.");
        }
        BufferedImage rgb = toRgb(decoded);
        int orientation = exifOrientation(file);
        return orientation > 1 ? applyOrientation(rgb, orientation) : rgb;
    }

    /**
     * Width and height from a PNG's IHDR chunk, or null if the file is not a PNG. Read directly
     * because ImageIO rejects a zero-size header with an unspecific error.
     */
    static long[] pngHeaderSize(Path file) {
        byte[] head = new byte[24];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 24) < 24) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        for (int i = 0; i < 8; i++) {
            if (head[i] != signature[i]) {
                return null;
            }
        }
        if (head[12] != 'I' || head[13] != 'H' || head[14] != 'D' || head[15] != 'R') {
            return null;
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(head, 16, 8);
        return new long[] {Integer.toUnsignedLong(b.getInt()), Integer.toUnsignedLong(b.getInt())};
    }

    /** Packed 0xRRGGBB pixels, row-major. */
    public static int[] readRgbPixels(Path file) {
        BufferedImage img = read(file);
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    public static void checkSize(String name, long w, long h) {
        if (w <= 0 || h <= 0) {
            throw new UserFacingException(name + " is empty (" + w + "×" + h + " pixels).");
        }
        if (w > MAX_SIDE || h > MAX_SIDE || w * h > MAX_PIXELS) {
            throw new UserFacingException(String.format(Locale.ROOT,
                    "%s is %d×%d pixels; RePaint Studio opens images up to %d megapixels and %d pixels a side.",
                    name, w, h, MAX_PIXELS / 1_000_000, MAX_SIDE));
        }
    }

    /** Any image as opaque TYPE_INT_RGB, alpha composited onto white. */
    public static BufferedImage toRgb(BufferedImage src) {
        if (src.getType() == BufferedImage.TYPE_INT_RGB) {
            return src;
        }
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, src.getWidth(), src.getHeight());
            g.drawImage(src, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** EXIF orientation tag (1-8), or 1 when absent or unreadable. */
    static int exifOrientation(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            Metadata md = ImageMetadataReader.readMetadata(in);
            ExifIFD0Directory dir = md.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (dir != null && dir.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                int o = dir.getInt(ExifIFD0Directory.TAG_ORIENTATION);
                return o >= 1 && o <= 8 ? o : 1;
            }
        } catch (Exception e) {
            // Orientation is optional: an image without readable EXIF is shown as stored.
        }
        return 1;
    }

    /** Rotates/flips pixels so that an image with EXIF orientation {@code o} (2-8) displays upright. */
    static BufferedImage applyOrientation(BufferedImage src, int o) {
        int w = src.getWidth();
        int h = src.getHeight();
        boolean swap = o >= 5;
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        int[] in = src.getRGB(0, 0, w, h, null, 0, w);
        int[] out = new int[in.length];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int sx;
                int sy;
                switch (o) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = h - 1 - x; }
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    case 8 -> { sx = w - 1 - y; sy = x; }
                    default -> { sx = x; sy = y; }
                }
                out[y * ow + x] = in[sy * w + sx];
            }
        }
        BufferedImage result = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
        result.setRGB(0, 0, ow, oh, out, 0, ow);
        return result;
    }
}
