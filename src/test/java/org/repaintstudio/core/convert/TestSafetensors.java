package org.repaintstudio.core.convert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

/** Writes safetensors files for tests, streaming the data so huge files need no heap. */
public final class TestSafetensors {
    private TestSafetensors() {}

    /** Values of one tensor by element index. */
    public interface Values {
        float at(String name, long index);
    }

    /** Writes F32 tensors in map order with values from {@code values}. */
    public static void writeF32(Path file, Map<String, long[]> shapes, Values values) throws IOException {
        ObjectMapper m = new ObjectMapper();
        ObjectNode header = m.createObjectNode();
        header.putObject("__metadata__").put("format", "pt");
        long offset = 0;
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            long n = count(e.getValue());
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", "F32");
            ArrayNode shape = t.putArray("shape");
            for (long d : e.getValue()) {
                shape.add(d);
            }
            t.putArray("data_offsets").add(offset).add(offset + n * 4);
            offset += n * 4;
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            writeHeader(out, m.writeValueAsString(header));
            ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (Map.Entry<String, long[]> e : shapes.entrySet()) {
                long n = count(e.getValue());
                for (long i = 0; i < n; i++) {
                    if (!buf.hasRemaining()) {
                        out.write(buf.array(), 0, buf.position());
                        buf.clear();
                    }
                    buf.putFloat(values.at(e.getKey(), i));
                }
            }
            out.write(buf.array(), 0, buf.position());
        }
    }

    /** Writes the same tensors as bfloat16 (the top half of each float32's bits). */
    public static void writeBF16(Path file, Map<String, long[]> shapes, Values values) throws IOException {
        ObjectMapper m = new ObjectMapper();
        ObjectNode header = m.createObjectNode();
        long offset = 0;
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            long n = count(e.getValue());
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", "BF16");
            ArrayNode shape = t.putArray("shape");
            for (long d : e.getValue()) {
                shape.add(d);
            }
            t.putArray("data_offsets").add(offset).add(offset + n * 2);
            offset += n * 2;
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            writeHeader(out, m.writeValueAsString(header));
            for (Map.Entry<String, long[]> e : shapes.entrySet()) {
                long n = count(e.getValue());
                for (long i = 0; i < n; i++) {
                    int bits = Float.floatToRawIntBits(values.at(e.getKey(), i)) >>> 16;
                    out.write(bits & 0xff);
                    out.write(bits >>> 8);
                }
            }
        }
    }

    /** Random weights that keep activations O(1): small normal-ish values, norm scales near 1. */
    public static Values randomWeights(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        return (name, i) -> {
            float r = (float) (rnd.nextDouble() - 0.5) * 0.04f;
            boolean normWeight = name.endsWith(".weight") && (name.contains("norm"));
            return normWeight ? 1f + r : r;
        };
    }

    /** Writes a header (padded with spaces to a multiple of 8, as the reference writer does) and raw data. */
    public static void writeRaw(Path file, String headerJson, byte[] data) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            writeHeader(out, headerJson);
            out.write(data);
        }
    }

    private static void writeHeader(OutputStream out, String json) throws IOException {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        int padded = (h.length + 7) / 8 * 8;
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
        out.write(len.array());
        out.write(h);
        for (int i = h.length; i < padded; i++) {
            out.write(' ');
        }
    }

    static long count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

}
