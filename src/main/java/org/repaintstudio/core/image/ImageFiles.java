package org.repaintstudio.core.image;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
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
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;


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

    /** Reads an image as TYPE_INT_RGB, upright, after checking from its header that it fits in memory. */
    public static BufferedImage read(Path file) {
        BufferedImage decoded = decode(file, "", true);
        BufferedImage rgb = toRgb(decoded);
        decoded = null; // let the decoder's copy go before the orientation makes another
        int orientation = ExifOrientation.read(file);
        return orientation > 1 ? applyOrientation(rgb, orientation) : rgb;
    }

    /**
     * Reads only the header: size and bits per pixel, checked against the size limits but not against
     * memory (see {@link ImageBudget#check}). Fast; a front end calls it before opening a file.
     */
    public static ImageBudget.Header probe(Path file) {
        return withReader(file, "", false, (reader, header) -> header);
    }

    /**
     * Decodes the first image of a file as stored, with the existence, size and memory checks.
     * {@code role} names the file in messages ("" for an image, "mask " for a mask).
     */
    static BufferedImage decode(Path file, String role, boolean checkMemory) {
        String name = file.getFileName().toString();
        return withReader(file, role, checkMemory, (reader, header) -> {
            try {
                BufferedImage img = reader.read(0);
                if (img == null) {
                    throw new UserFacingException(who(role, name) + " holds no image.");
                }
                return img;
            } catch (IOException | RuntimeException e) {
                if (e instanceof UserFacingException u) {
                    throw u;
                }
                throw new UserFacingException(who(role, name) + " is damaged or incomplete and cannot be decoded.", e);
            }
        });
    }

    /** What to do with a reader whose header passed the checks. */
    @FunctionalInterface
    interface HeaderAction<T> {
        T apply(ImageReader reader, ImageBudget.Header header);
    }

    private static <T> T withReader(Path file, String role, boolean checkMemory, HeaderAction<T> action) {
        String name = file.getFileName().toString();
        requireReadableFile(file, role);
        long[] pngSize = pngHeaderSize(file);
        if (pngSize != null) {
            checkSize(name, pngSize[0], pngSize[1]);
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new UserFacingException(who(role, name) + " is not an image RePaint Studio can read "
                        + "(PNG, JPEG, BMP, GIF, WebP or TIFF).");
            }
            ImageReader reader = readers.next();
            try {
                // Metadata is ignored: text chunks, ICC profiles and the like are never decoded here.
                reader.setInput(in, true, true);
                ImageBudget.Header header = header(reader, name, role);
                if (checkMemory) {
                    ImageBudget.require(header);
                }
                return action.apply(reader, header);
            } finally {
                reader.dispose();
            }
        } catch (NoSuchFileException e) {
            throw new UserFacingException("The " + role + "file " + file + " does not exist.", e);
        } catch (IOException e) {
            throw new UserFacingException(who(role, name) + " cannot be read.", e);
        }
    }

    /** "photo.png" for an image, "The mask m.png" for a mask. */
    private static String who(String role, String name) {
        return role.isEmpty() ? name : "The " + role + name;
    }

    private static void requireReadableFile(Path file, String role) {
        String name = file.getFileName().toString();
        if (Files.isDirectory(file)) {
            throw new UserFacingException(name + " is a folder, not an image.");
        }
        if (!Files.isRegularFile(file)) {
            throw new UserFacingException("The " + role + "file " + file + " does not exist.");
        }
        if (!Files.isReadable(file)) {
            throw new UserFacingException(who(role, name) + " cannot be read (permission denied).");
        }
    }

    private static ImageBudget.Header header(ImageReader reader, String name, String role) {
        int w;
        int h;
        try {
            w = reader.getWidth(0);
            h = reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
            throw new UserFacingException(who(role, name) + " is damaged: its header cannot be read.", e);
        }
        checkSize(name, w, h);
        return new ImageBudget.Header(name, w, h, bitsPerPixel(reader));
    }

    /** Bits per pixel of the decoder's image, from the header; 64 (the most any reader here makes) if unknown. */
    private static int bitsPerPixel(ImageReader reader) {
        try {
            ImageTypeSpecifier type = reader.getRawImageType(0);
            if (type == null) {
                Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
                type = types.hasNext() ? types.next() : null;
            }
            if (type != null) {
                return Math.max(1, type.getColorModel().getPixelSize());
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the worst case
        }
        return 64;
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

    /** EXIF orientation tag (1-8), or 1 when absent or unreadable; reads no other metadata. */
    static int exifOrientation(Path file) {
        return ExifOrientation.read(file);
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
