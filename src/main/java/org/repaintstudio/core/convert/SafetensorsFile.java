package org.repaintstudio.core.convert;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.repaintstudio.core.UserFacingException;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reader for the safetensors format: an 8-byte little-endian header length, a JSON header,
 * then raw tensor data. The header is validated completely on open; tensor data is only read
 * on demand, through memory maps or channel transfers, so a file larger than the heap is fine.
 */
public final class SafetensorsFile implements Closeable {
    /** Same cap as the reference implementation; a real header is a few hundred kB. */
    static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;
    /** Bigger tensors are streamed, never loaded into a float[]. */
    static final long MAX_ARRAY_ELEMENTS = 64L * 1024 * 1024;
    private static final String METADATA_KEY = "__metadata__";

    private final Path path;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, SafetensorsTensor> tensors;
    private final Map<String, String> metadata;

    private SafetensorsFile(Path path, FileChannel channel, long dataStart,
                            Map<String, SafetensorsTensor> tensors, Map<String, String> metadata) {
        this.path = path;
        this.channel = channel;
        this.dataStart = dataStart;
        this.tensors = tensors;
        this.metadata = metadata;
    }

    /** Opens and validates the file; every format problem is a {@link UserFacingException}. */
    public static SafetensorsFile open(Path path) {
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new UserFacingException("Weights file " + path + " does not exist.", e);
        } catch (IOException e) {
            throw new UserFacingException("Cannot open weights file " + path + ": " + e.getMessage(), e);
        }
        try {
            return parse(path, ch);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        } catch (IOException e) {
            closeQuietly(ch);
            throw new UserFacingException("Cannot read weights file " + path + ": " + e.getMessage(), e);
        }
    }

    private static SafetensorsFile parse(Path path, FileChannel ch) throws IOException {
        String file = path.getFileName().toString();
        long fileSize = ch.size();
        if (fileSize < 8) {
            throw bad(file, "is too short (" + fileSize + " bytes) to be a safetensors file");
        }
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, lenBuf, 0);
        long headerLen = lenBuf.flip().getLong();
        if (headerLen <= 0 || headerLen > MAX_HEADER_BYTES) {
            throw bad(file, "has an implausible header length of " + headerLen + " bytes; it is not a safetensors file or it is corrupt");
        }
        if (8 + headerLen > fileSize) {
            throw bad(file, "is truncated: its header needs " + headerLen + " bytes but the file has only "
                    + (fileSize - 8) + " after the length field");
        }
        ByteBuffer header = ByteBuffer.allocate((int) headerLen);
        readFully(ch, header, 8);
        long dataStart = 8 + headerLen;
        long dataSize = fileSize - dataStart;

        JsonNode root;
        try {
            ObjectMapper mapper = new ObjectMapper();
            mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            root = mapper.readTree(header.array());
        } catch (JsonProcessingException e) {
            throw bad(file, "has a header that is not valid JSON (" + location(e) + ")");
        }
        if (root == null || !root.isObject()) {
            throw bad(file, "has a header that is not a JSON object");
        }

        Map<String, SafetensorsTensor> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (METADATA_KEY.equals(e.getKey())) {
                if (e.getValue().isObject()) {
                    e.getValue().fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                }
                continue;
            }
            SafetensorsTensor t = parseEntry(file, e.getKey(), e.getValue(), dataSize);
            tensors.put(t.name(), t);
        }
        checkNoOverlap(file, tensors.values());
        return new SafetensorsFile(path, ch, dataStart,
                Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(metadata));
    }

    private static SafetensorsTensor parseEntry(String file, String name, JsonNode node, long dataSize) {
        if (!node.isObject()) {
            throw badTensor(file, name, "is not described by a JSON object");
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw badTensor(file, name, "has no dtype");
        }
        SafetensorsDType dtype = SafetensorsDType.parse(dtypeNode.asText()).orElseThrow(
                () -> badTensor(file, name, "has unknown dtype '" + dtypeNode.asText() + "'"));

        JsonNode shapeNode = node.get("shape");
        if (shapeNode == null || !shapeNode.isArray()) {
            throw badTensor(file, name, "has no shape");
        }
        long[] shape = new long[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToLong() || d.asLong() < 0) {
                throw badTensor(file, name, "has an invalid dimension " + d + " in its shape");
            }
            shape[i] = d.asLong();
        }

        JsonNode offsets = node.get("data_offsets");
        if (offsets == null || !offsets.isArray() || offsets.size() != 2
                || !offsets.get(0).isIntegralNumber() || !offsets.get(1).isIntegralNumber()
                || !offsets.get(0).canConvertToLong() || !offsets.get(1).canConvertToLong()) {
            throw badTensor(file, name, "has no valid data_offsets [begin, end]");
        }
        long begin = offsets.get(0).asLong();
        long end = offsets.get(1).asLong();
        if (begin < 0 || end < begin) {
            throw badTensor(file, name, "has invalid data_offsets [" + begin + ", " + end + "]");
        }
        if (end > dataSize) {
            throw badTensor(file, name, "has data_offsets [" + begin + ", " + end + "] past the end of the data ("
                    + dataSize + " bytes); the file is truncated or corrupt");
        }
        long expected;
        try {
            long n = 1;
            for (long d : shape) {
                n = Math.multiplyExact(n, d);
            }
            expected = Math.multiplyExact(n, (long) dtype.byteSize());
        } catch (ArithmeticException e) {
            throw badTensor(file, name, "has a shape too large to exist");
        }
        if (end - begin != expected) {
            throw badTensor(file, name, "has " + (end - begin) + " bytes of data but shape "
                    + java.util.Arrays.toString(shape) + " of " + dtype + " needs " + expected);
        }
        return new SafetensorsTensor(name, dtype, shape, begin, end);
    }

    private static void checkNoOverlap(String file, java.util.Collection<SafetensorsTensor> all) {
        List<SafetensorsTensor> sorted = new ArrayList<>(all);
        sorted.removeIf(t -> t.byteLength() == 0);
        sorted.sort(Comparator.comparingLong(SafetensorsTensor::begin));
        for (int i = 1; i < sorted.size(); i++) {
            SafetensorsTensor prev = sorted.get(i - 1);
            SafetensorsTensor cur = sorted.get(i);
            if (cur.begin() < prev.end()) {
                throw badTensor(file, cur.name(), "overlaps the data of tensor '" + prev.name() + "'");
            }
        }
    }

    public Path path() {
        return path;
    }

    /** Tensors in header order. */
    public Map<String, SafetensorsTensor> tensors() {
        return tensors;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    /** Absolute file position of the data area. */
    public long dataStart() {
        return dataStart;
    }

    public SafetensorsTensor tensor(String name) {
        SafetensorsTensor t = tensors.get(name);
        if (t == null) {
            throw new UserFacingException("Weights file " + path.getFileName() + " has no tensor '" + name + "'.");
        }
        return t;
    }

    /** Total element count of all tensors, i.e. the parameter count of a model. */
    public long parameterCount() {
        long n = 0;
        for (SafetensorsTensor t : tensors.values()) {
            n += t.elementCount();
        }
        return n;
    }

    /** Reads a (small) tensor as float32. */
    public float[] readFloats(SafetensorsTensor t) {
        requireFloat(t);
        if (t.elementCount() > MAX_ARRAY_ELEMENTS) {
            throw new UserFacingException("Tensor '" + t.name() + "' is too large to load at once.");
        }
        float[] out = new float[(int) t.elementCount()];
        ByteBuffer src = map(t);
        decode(t.dtype(), src, out, 0, out.length);
        return out;
    }

    /** How many values of a float tensor are NaN or infinite; reads it in chunks, never whole. */
    public long countNonFinite(SafetensorsTensor t) {
        requireFloat(t);
        ByteBuffer src = map(t);
        int chunk = 1 << 16;
        float[] floats = new float[chunk];
        long bad = 0;
        long total = t.elementCount();
        for (long done = 0; done < total; ) {
            int n = (int) Math.min(chunk, total - done);
            decode(t.dtype(), src, floats, 0, n);
            for (int i = 0; i < n; i++) {
                if (!Float.isFinite(floats[i])) {
                    bad++;
                }
            }
            done += n;
        }
        return bad;
    }

    public float[] readFloats(String name) {
        return readFloats(tensor(name));
    }

    /**
     * Writes the tensor as little-endian float32 to {@code out}: F32 data is transferred by the
     * OS without passing through the heap; F16/BF16 are widened through a small buffer.
     */
    public void writeFloat32(SafetensorsTensor t, WritableByteChannel out) throws IOException {
        requireFloat(t);
        if (t.dtype() == SafetensorsDType.F32) {
            long pos = dataStart + t.begin();
            long remaining = t.byteLength();
            while (remaining > 0) {
                long n = channel.transferTo(pos, remaining, out);
                if (n <= 0) {
                    // Some channel pairs refuse transfers; fall back to mapped copies.
                    copyMapped(pos, remaining, out);
                    return;
                }
                pos += n;
                remaining -= n;
            }
            return;
        }
        ByteBuffer src = map(t);
        int chunk = 1 << 16;
        float[] floats = new float[chunk];
        ByteBuffer buf = ByteBuffer.allocate(chunk * 4).order(ByteOrder.LITTLE_ENDIAN);
        long total = t.elementCount();
        for (long done = 0; done < total; ) {
            int n = (int) Math.min(chunk, total - done);
            decode(t.dtype(), src, floats, 0, n);
            buf.clear();
            buf.asFloatBuffer().put(floats, 0, n);
            buf.limit(n * 4);
            while (buf.hasRemaining()) {
                out.write(buf);
            }
            done += n;
        }
    }

    private void copyMapped(long pos, long length, WritableByteChannel out) throws IOException {
        long chunk = 1L << 26;
        for (long off = 0; off < length; off += chunk) {
            MappedByteBuffer m = channel.map(FileChannel.MapMode.READ_ONLY, pos + off, Math.min(chunk, length - off));
            while (m.hasRemaining()) {
                out.write(m);
            }
        }
    }

    private void requireFloat(SafetensorsTensor t) {
        if (!t.dtype().readableAsFloat()) {
            throw new UserFacingException("Tensor '" + t.name() + "' has dtype " + t.dtype()
                    + ", which is not supported (only F32, F16 and BF16 are).");
        }
    }

    private ByteBuffer map(SafetensorsTensor t) {
        if (t.byteLength() > Integer.MAX_VALUE) {
            throw new UserFacingException("Tensor '" + t.name() + "' is too large to map (over 2 GB).");
        }
        try {
            return channel.map(FileChannel.MapMode.READ_ONLY, dataStart + t.begin(), t.byteLength())
                    .order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new UserFacingException("Cannot read tensor '" + t.name() + "' from " + path.getFileName()
                    + ": " + e.getMessage(), e);
        }
    }

    /** Decodes {@code n} elements at the buffer's position, advancing it. */
    private static void decode(SafetensorsDType dtype, ByteBuffer src, float[] dst, int off, int n) {
        switch (dtype) {
            case F32 -> src.asFloatBuffer().get(dst, off, n);
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = halfToFloat(src.getShort(src.position() + 2 * i));
                }
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = Float.intBitsToFloat((src.getShort(src.position() + 2 * i) & 0xffff) << 16);
                }
            }
            default -> throw new IllegalStateException(dtype.name());
        }
        src.position(src.position() + n * dtype.byteSize());
    }

    /** IEEE 754 binary16 to binary32, exact for every value including subnormals, inf and NaN. */
    static float halfToFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            if (mant == 0) {
                return Float.intBitsToFloat(sign);
            }
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
            pos += n;
        }
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "unreadable"
                : "at column " + e.getLocation().getColumnNr() + " of line " + e.getLocation().getLineNr();
    }

    private static UserFacingException bad(String file, String what) {
        return new UserFacingException("Weights file " + file + " " + what + ".");
    }

    private static UserFacingException badTensor(String file, String tensor, String what) {
        return new UserFacingException("Tensor '" + tensor + "' in " + file + " " + what + ".");
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // Already failing; the first error is the one worth reporting.
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
