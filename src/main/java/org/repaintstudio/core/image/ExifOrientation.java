package org.repaintstudio.core.image;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.drew.lang.ByteArrayReader;
import com.drew.lang.RandomAccessFileReader;
import com.drew.lang.RandomAccessReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;

/**
 * Reads only the EXIF orientation tag, walking the file's segments or chunks itself so that no
 * other metadata is read: a compressed text chunk that inflates to gigabytes, a huge ICC profile or
 * megabytes of application segments are skipped without being decoded or held in memory. The EXIF
 * block itself is at most {@link #MAX_EXIF_BYTES}.
 */
final class ExifOrientation {
    /** A JPEG APP1 segment holds at most 64 KB; PNG and WebP EXIF blocks are capped here too. */
    static final int MAX_EXIF_BYTES = 1 << 20;
    private static final byte[] EXIF_HEADER = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);

    private ExifOrientation() {}

    /** The EXIF orientation tag (1-8), or 1 when absent, unreadable or out of range. */
    static int read(Path file) {
        try {
            if (isTiff(file)) {
                // A TIFF is its own EXIF structure; the reader seeks to the tags it needs, reading no bulk data.
                try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
                    return orientation(new RandomAccessFileReader(raf));
                }
            }
            return orientation(locate(file));
        } catch (Exception e) {
            // Orientation is optional: an image without readable EXIF is shown as stored.
            return 1;
        }
    }

    private static int orientation(RandomAccessReader exif) throws Exception {
        if (exif != null) {
            Metadata md = new Metadata();
            new ExifReader().extract(exif, md);
            ExifIFD0Directory dir = md.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (dir != null && dir.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                int o = dir.getInt(ExifIFD0Directory.TAG_ORIENTATION);
                return o >= 1 && o <= 8 ? o : 1;
            }
        }
        return 1;
    }

    private static boolean isTiff(Path file) throws IOException {
        byte[] magic = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            String m = in.readNBytes(magic, 0, 4) < 4 ? "" : ascii(magic, 0, 4);
            return m.equals("II*\0") || m.equals("MM\0*");
        }
    }

    /** The TIFF-structured EXIF data of the file, or null if it has none. */
    private static RandomAccessReader locate(Path file) throws IOException {
        byte[] magic = new byte[12];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(magic, 0, 12) < 12) {
                return null;
            }
        }
        if ((magic[0] & 0xFF) == 0xFF && (magic[1] & 0xFF) == 0xD8) {
            return bytes(jpegExif(file));
        }
        if ((magic[0] & 0xFF) == 0x89 && magic[1] == 'P' && magic[2] == 'N' && magic[3] == 'G') {
            return bytes(pngExif(file));
        }
        if (ascii(magic, 0, 4).equals("RIFF") && ascii(magic, 8, 4).equals("WEBP")) {
            return bytes(webpExif(file));
        }
        return null;
    }

    private static RandomAccessReader bytes(byte[] tiff) {
        return tiff == null ? null : new ByteArrayReader(tiff);
    }

    /** The APP1 "Exif" segment before the image data (start of scan), without its header. */
    private static byte[] jpegExif(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            in.skipNBytes(2);
            while (true) {
                int b = in.readUnsignedByte();
                if (b != 0xFF) {
                    return null;
                }
                int marker = in.readUnsignedByte();
                while (marker == 0xFF) {
                    marker = in.readUnsignedByte();
                }
                if (marker == 0xDA || marker == 0xD9) {
                    return null;
                }
                if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                    continue; // markers without a length
                }
                int length = in.readUnsignedShort() - 2;
                if (length < 0) {
                    return null;
                }
                if (marker == 0xE1 && length > EXIF_HEADER.length) {
                    byte[] data = in.readNBytes(length);
                    if (startsWith(data, EXIF_HEADER)) {
                        return java.util.Arrays.copyOfRange(data, EXIF_HEADER.length, data.length);
                    }
                } else {
                    in.skipNBytes(length);
                }
            }
        } catch (EOFException e) {
            return null;
        }
    }

    /** The eXIf chunk's data; every other chunk is skipped unread (text chunks are never inflated). */
    private static byte[] pngExif(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            in.skipNBytes(8);
            while (true) {
                long length = Integer.toUnsignedLong(in.readInt());
                byte[] type = in.readNBytes(4);
                String name = ascii(type, 0, 4);
                if (name.equals("IDAT") || name.equals("IEND")) {
                    return null;
                }
                if (name.equals("eXIf")) {
                    return length <= MAX_EXIF_BYTES ? in.readNBytes((int) length) : null;
                }
                in.skipNBytes(length + 4); // data and CRC
            }
        } catch (EOFException e) {
            return null;
        }
    }

    /** The EXIF chunk of a WebP's RIFF container, with or without the "Exif" header. */
    private static byte[] webpExif(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            in.skipNBytes(12);
            while (true) {
                String name = ascii(in.readNBytes(4), 0, 4);
                byte[] le = in.readNBytes(4);
                if (le.length < 4) {
                    return null;
                }
                long length = (le[0] & 0xFFL) | (le[1] & 0xFFL) << 8 | (le[2] & 0xFFL) << 16 | (le[3] & 0xFFL) << 24;
                if (name.equals("EXIF")) {
                    if (length > MAX_EXIF_BYTES) {
                        return null;
                    }
                    byte[] data = in.readNBytes((int) length);
                    return startsWith(data, EXIF_HEADER)
                            ? java.util.Arrays.copyOfRange(data, EXIF_HEADER.length, data.length) : data;
                }
                in.skipNBytes(length + (length & 1));
            }
        } catch (EOFException e) {
            return null;
        }
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] b, int off, int len) {
        return b.length < off + len ? "" : new String(b, off, len, StandardCharsets.ISO_8859_1);
    }
}
