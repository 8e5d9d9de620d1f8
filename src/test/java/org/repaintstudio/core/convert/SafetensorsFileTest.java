package org.repaintstudio.core.convert;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repaintstudio.core.UserFacingException;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SafetensorsFileTest {

    @TempDir
    Path tmp;

    @Test
    void readsGoldenWeights() throws Exception {
        try (SafetensorsFile f = SafetensorsFile.open(Golden.unet("tiny").resolve("diffusion_pytorch_model.safetensors"))) {
            assertThat(f.tensors()).hasSize(208);
            assertThat(f.parameterCount()).isEqualTo(1_002_883L);
            assertThat(f.metadata()).containsEntry("format", "pt");
            SafetensorsTensor t = f.tensor("conv_in.weight");
            assertThat(t.shape()).containsExactly(32, 3, 3, 3);
            assertThat(f.readFloats(t)).hasSize(32 * 27);
        }
    }

    @Test
    void convertsHalfAndBfloat16ToFloat() throws Exception {
        ByteBuffer data = ByteBuffer.allocate(4 * 3 + 2 * 3 + 2 * 2).order(ByteOrder.LITTLE_ENDIAN);
        data.putFloat(1.5f).putFloat(-2f).putFloat(1e-3f);
        data.putShort((short) 0x3C00).putShort((short) 0xC000).putShort((short) 0x0001); // 1, -2, smallest subnormal
        data.putShort((short) 0x3FC0).putShort((short) 0xBF80);                         // bf16 1.5, -1
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,12]},"
                + "\"h\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[12,18]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[18,22]}}";
        Path file = tmp.resolve("x.safetensors");
        TestSafetensors.writeRaw(file, header, data.array());
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertThat(f.readFloats("a")).containsExactly(1.5f, -2f, 1e-3f);
            assertThat(f.readFloats("h")).containsExactly(1f, -2f, 0x1p-24f);
            assertThat(f.readFloats("b")).containsExactly(1.5f, -1f);

            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            f.writeFloat32(f.tensor("h"), Channels.newChannel(bytes));
            ByteBuffer out = ByteBuffer.wrap(bytes.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(out.remaining()).isEqualTo(12);
            assertThat(out.getFloat()).isEqualTo(1f);
            assertThat(out.getFloat()).isEqualTo(-2f);
        }
    }

    @Test
    void halfPrecisionSpecialValues() {
        assertThat(SafetensorsFile.halfToFloat((short) 0x7C00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(SafetensorsFile.halfToFloat((short) 0xFC00)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(SafetensorsFile.halfToFloat((short) 0x7E00)).isNaN();
        assertThat(SafetensorsFile.halfToFloat((short) 0x7BFF)).isEqualTo(65504f);
        assertThat(SafetensorsFile.halfToFloat((short) 0x8000)).isEqualTo(-0f);
        assertThat(SafetensorsFile.halfToFloat((short) 0x0400)).isEqualTo(0x1p-14f);
    }

    @Test
    void rejectsTooShortFile() throws Exception {
        Path f = tmp.resolve("short.safetensors");
        Files.write(f, new byte[] {1, 2, 3});
        assertError(f, "too short");
    }

    @Test
    void rejectsHeaderLengthPastTheEnd() throws Exception {
        Path f = tmp.resolve("h.safetensors");
        ByteBuffer b = ByteBuffer.allocate(8 + 10).order(ByteOrder.LITTLE_ENDIAN).putLong(5000);
        Files.write(f, b.array());
        assertError(f, "truncated");
    }

    @Test
    void rejectsAbsurdHeaderLengthWithoutAllocating() throws Exception {
        Path f = tmp.resolve("huge.safetensors");
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(Long.MAX_VALUE / 2);
        Files.write(f, b.array());
        assertError(f, "implausible header length");
        ByteBuffer neg = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-8);
        Files.write(f, neg.array());
        assertError(f, "implausible header length");
    }

    @Test
    void rejectsInvalidJson() throws Exception {
        Path f = tmp.resolve("j.safetensors");
        TestSafetensors.writeRaw(f, "{\"a\": {\"dtype\": ", new byte[0]);
        assertError(f, "not valid JSON");
        TestSafetensors.writeRaw(f, "[1, 2]", new byte[0]);
        assertError(f, "not a JSON object");
    }

    @Test
    void rejectsTruncatedData() throws Exception {
        Path f = tmp.resolve("t.safetensors");
        TestSafetensors.writeRaw(f, "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", new byte[10]);
        assertError(f, "Tensor 'w'", "past the end");
    }

    @Test
    void rejectsOverlappingOffsets() throws Exception {
        Path f = tmp.resolve("o.safetensors");
        TestSafetensors.writeRaw(f, "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[8,24]}}", new byte[24]);
        assertError(f, "Tensor 'b'", "overlaps", "'a'");
    }

    @Test
    void rejectsSizeNotMatchingShape() throws Exception {
        Path f = tmp.resolve("s.safetensors");
        TestSafetensors.writeRaw(f, "{\"a\":{\"dtype\":\"F32\",\"shape\":[3,3],\"data_offsets\":[0,16]}}", new byte[16]);
        assertError(f, "Tensor 'a'", "16 bytes", "needs 36");
    }

    @Test
    void rejectsUnknownDtypeAndNegativeDims() throws Exception {
        Path f = tmp.resolve("d.safetensors");
        TestSafetensors.writeRaw(f, "{\"a\":{\"dtype\":\"Q4\",\"shape\":[4],\"data_offsets\":[0,16]}}", new byte[16]);
        assertError(f, "Tensor 'a'", "unknown dtype 'Q4'");
        TestSafetensors.writeRaw(f, "{\"a\":{\"dtype\":\"F32\",\"shape\":[-4],\"data_offsets\":[0,16]}}", new byte[16]);
        assertError(f, "Tensor 'a'", "invalid dimension -4");
        TestSafetensors.writeRaw(f, "{\"a\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904, 4],\"data_offsets\":[0,16]}}", new byte[16]);
        assertError(f, "Tensor 'a'", "too large");
    }

    @Test
    void refusesToReadIntegerTensorsAsFloats() throws Exception {
        Path f = tmp.resolve("i.safetensors");
        TestSafetensors.writeRaw(f, "{\"ids\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]}}", new byte[16]);
        try (SafetensorsFile file = SafetensorsFile.open(f)) {
            assertThatThrownBy(() -> file.readFloats("ids")).isInstanceOf(UserFacingException.class)
                    .hasMessageContaining("'ids'").hasMessageContaining("I64");
        }
    }

    @Test
    void missingFileIsAClearError() {
        assertError(tmp.resolve("nope.safetensors"), "does not exist");
    }

    private static void assertError(Path f, String... parts) {
        assertThatThrownBy(() -> SafetensorsFile.open(f).close())
                .isInstanceOf(UserFacingException.class)
                .satisfies(e -> {
                    for (String p : parts) {
                        assertThat(e.getMessage()).contains(p);
                    }
                });
    }
}
