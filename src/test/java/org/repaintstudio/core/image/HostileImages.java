package org.repaintstudio.core.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Builds the adversarial images of issue 16 in code, small on disk but huge once decoded or
 * inflated: 16-bit and greyscale PNGs of any size (all-zero rows deflate to almost nothing),
 * compressed text and ICC chunks that inflate to hundreds of MB, and an eXIf orientation chunk.
 */
public final class HostileImages {
    private HostileImages() {}

    /** A PNG of zero pixels; {@code before} chunks go between IHDR and IDAT. */
    public static Path png(Path file, int w, int h, int bitDepth, int colourType, byte[]... before) throws IOException {
        int channels = switch (colourType) {
            case 0 -> 1;
            case 2 -> 3;
            case 4 -> 2;
            case 6 -> 4;
            default -> 1;
        };
        long rowBytes = 1 + (long) w * channels * bitDepth / 8;
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) bitDepth).put((byte) colourType)
                    .put((byte) 0).put((byte) 0).put((byte) 0);
            out.write(chunk("IHDR", ihdr.array()));
            for (byte[] c : before) {
                out.write(c);
            }
            out.write(chunk("IDAT", deflatedZeros(rowBytes * h)));
            out.write(chunk("IEND", new byte[0]));
        }
        return file;
    }

    /** One PNG chunk with its length and CRC. */
    public static byte[] chunk(String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(t).put(data).putInt((int) crc.getValue())
                .array();
    }

    /** zlib data that inflates to {@code n} zero bytes (about n / 1000 bytes long). */
    public static byte[] deflatedZeros(long n) {
        Deflater d = new Deflater(9);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] zeros = new byte[1 << 20];
        byte[] buf = new byte[1 << 16];
        for (long left = n; left > 0; ) {
            int len = (int) Math.min(zeros.length, left);
            d.setInput(zeros, 0, len);
            left -= len;
            while (!d.needsInput()) {
                out.write(buf, 0, d.deflate(buf));
            }
        }
        d.finish();
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    /** zTXt: keyword, NUL, method 0, then the compressed text. */
    public static byte[] zTxtBomb(long inflated) {
        return chunk("zTXt", concat("Comment\0\0".getBytes(StandardCharsets.ISO_8859_1), deflatedZeros(inflated)));
    }

    /** iTXt with the compression flag set: keyword, NUL, flag 1, method 0, empty language and translation. */
    public static byte[] iTxtBomb(long inflated) {
        return chunk("iTXt", concat("Comment\0\1\0\0\0".getBytes(StandardCharsets.ISO_8859_1), deflatedZeros(inflated)));
    }

    /** iCCP: profile name, NUL, method 0, then the compressed profile. */
    public static byte[] iccpBomb(long inflated) {
        return chunk("iCCP", concat("icc\0\0".getBytes(StandardCharsets.ISO_8859_1), deflatedZeros(inflated)));
    }

    /** An eXIf chunk whose IFD0 holds only the orientation tag. */
    public static byte[] exifOrientation(int orientation) {
        ByteBuffer b = ByteBuffer.allocate(26).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        b.putShort((short) 1).putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation)
                .putShort((short) 0);
        b.putInt(0);
        return chunk("eXIf", b.array());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
