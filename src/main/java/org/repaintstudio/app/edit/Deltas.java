package org.repaintstudio.app.edit;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** Compression of XOR differences: unchanged pixels are zeros and cost next to nothing. */
final class Deltas {
    private Deltas() {}

    static byte[] deflate(byte[] data) {
        Deflater d = new Deflater(Deflater.BEST_SPEED);
        try {
            d.setInput(data);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 64));
            byte[] buf = new byte[64 * 1024];
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    static byte[] inflate(byte[] data, int length) {
        Inflater inf = new Inflater();
        try {
            inf.setInput(data);
            byte[] out = new byte[length];
            int n = 0;
            while (n < length && !inf.finished()) {
                n += inf.inflate(out, n, length - n);
            }
            return out;
        } catch (DataFormatException e) {
            throw new IllegalStateException("corrupt undo data", e);
        } finally {
            inf.end();
        }
    }
}
