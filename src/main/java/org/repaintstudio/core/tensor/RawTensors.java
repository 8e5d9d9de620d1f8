package org.repaintstudio.core.tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.repaintstudio.core.UserFacingException;

/** Raw little-endian float32 / int64 files, as the golden reference data stores tensors. */
public final class RawTensors {
    private RawTensors() {}

    public static float[] readF32(Path file) {
        ByteBuffer b = readAll(file, 4);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }

    public static long[] readI64(Path file) {
        ByteBuffer b = readAll(file, 8);
        long[] out = new long[b.remaining() / 8];
        b.asLongBuffer().get(out);
        return out;
    }

    public static void writeF32(Path file, float[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        Files.write(file, b.array());
    }

    private static ByteBuffer readAll(Path file, int elementSize) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length % elementSize != 0) {
                throw new UserFacingException(file + " is not a whole number of " + elementSize + "-byte values.");
            }
            return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new UserFacingException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
