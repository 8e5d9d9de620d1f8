package org.repaintstudio.core.convert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.task.CancelToken;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnetConverterTest {
    private static final String WEIGHTS = "diffusion_pytorch_model.safetensors";

    @TempDir
    Path tmp;

    @Test
    void parameterCountsMatchDiffusers() {
        assertThat(UnetConfig.read(Golden.unet("tiny").resolve("config.json")).parameterCount()).isEqualTo(1_002_883L);
        assertThat(UnetConfig.read(Golden.unet("celebahq_small").resolve("config.json")).parameterCount()).isEqualTo(1_788_803L);
        assertThat(UnetConfig.read(Golden.unet("celebahq_full_config").resolve("config.json")).parameterCount()).isEqualTo(113_673_219L);
    }

    @Test
    void reusesCurrentConversionAndRedoesItWhenWeightsChange() throws Exception {
        Path dir = Golden.copyUnet("tiny", tmp.resolve("m"));
        Path onnx = dir.resolve("model.onnx");
        assertThat(convert(dir, false).reused()).isFalse();
        assertThat(UnetConverter.sidecarOf(onnx)).exists();
        assertThat(UnetConverter.cacheState(dir.resolve("config.json"), dir.resolve(WEIGHTS), onnx))
                .isEqualTo(UnetConverter.CacheState.CURRENT);
        assertThat(convert(dir, false).reused()).isTrue();

        // New weights (same size, new content): the conversion is stale and is redone.
        Map<String, long[]> shapes = UnetConfig.read(dir.resolve("config.json")).parameterShapes();
        TestSafetensors.writeF32(dir.resolve(WEIGHTS), new LinkedHashMap<>(shapes), TestSafetensors.randomWeights(7));
        assertThat(UnetConverter.cacheState(dir.resolve("config.json"), dir.resolve(WEIGHTS), onnx))
                .isEqualTo(UnetConverter.CacheState.STALE);
        UnetConverter.Result again = convert(dir, false);
        assertThat(again.reused()).isFalse();
        assertThat(again.weightsSha256()).isEqualTo(org.repaintstudio.core.io.FileDigests.sha256(dir.resolve(WEIGHTS), null, null));
        assertNoTempFiles(dir);
    }

    @Test
    void refusesToOverwriteAForeignOnnxFileWithoutForce() throws Exception {
        Path dir = Golden.copyUnet("tiny", tmp.resolve("m"));
        Path onnx = dir.resolve("model.onnx");
        Files.writeString(onnx, "not ours");
        assertThatThrownBy(() -> convert(dir, false)).isInstanceOf(UserFacingException.class)
                .hasMessageContaining("already exists").hasMessageContaining("--force");
        assertThat(Files.readString(onnx)).isEqualTo("not ours");
        assertThat(convert(dir, true).reused()).isFalse();
        assertThat(Files.size(onnx)).isGreaterThan(4_000_000L);
    }

    @Test
    void legacyAttentionNamesAndConvShapedWeightsConvertToTheSameModel() throws Exception {
        Path dir = tmp.resolve("legacy");
        Files.createDirectories(dir);
        Files.copy(Golden.unet("tiny").resolve("config.json"), dir.resolve("config.json"));
        Map<String, long[]> shapes = new LinkedHashMap<>();
        Map<String, String> renamedFrom = new LinkedHashMap<>();
        try (SafetensorsFile src = SafetensorsFile.open(Golden.unet("tiny").resolve(WEIGHTS))) {
            for (SafetensorsTensor t : src.tensors().values()) {
                String name = t.name().replace(".to_q.", ".query.").replace(".to_k.", ".key.")
                        .replace(".to_v.", ".value.").replace(".to_out.0.", ".proj_attn.");
                long[] shape = t.shape();
                if (!name.equals(t.name()) && name.endsWith(".weight")) {
                    shape = new long[] {shape[0], shape[1], 1, 1};
                }
                shapes.put(name, shape);
                renamedFrom.put(name, t.name());
            }
            Map<String, float[]> data = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : renamedFrom.entrySet()) {
                data.put(e.getKey(), src.readFloats(e.getValue()));
            }
            TestSafetensors.writeF32(dir.resolve(WEIGHTS), shapes, (name, i) -> data.get(name)[(int) i]);
        }
        assertThat(shapes.keySet()).anyMatch(k -> k.contains(".proj_attn."));
        convert(dir, false);
        Path io = Golden.unet("tiny").resolve("io_1");
        float[] out = UnetConverterGoldenTest.run(dir.resolve("model.onnx"), Golden.readF32(io.resolve("sample.f32")),
                Golden.readI64(io.resolve("timestep.i64")), 3, 32);
        float[] expected = Golden.readF32(io.resolve("out_sample.f32"));
        for (int i = 0; i < expected.length; i++) {
            assertThat(out[i]).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-4f));
        }
    }

    @Test
    void learnedVarianceModelWithSixOutputChannels() throws Exception {
        Path dir = tmp.resolve("six");
        Files.createDirectories(dir);
        ObjectNode cfg = (ObjectNode) new ObjectMapper().readTree(Golden.unet("tiny").resolve("config.json").toFile());
        cfg.put("out_channels", 6).put("center_input_sample", true).put("mid_block_scale_factor", 1.4142135);
        new ObjectMapper().writeValue(dir.resolve("config.json").toFile(), cfg);
        TestSafetensors.writeF32(dir.resolve(WEIGHTS),
                new LinkedHashMap<>(UnetConfig.parse(cfg).parameterShapes()), TestSafetensors.randomWeights(1));
        convert(dir, false);
        float[] out = UnetConverterGoldenTest.run(dir.resolve("model.onnx"), new float[2 * 3 * 32 * 32],
                new long[] {10, 900}, 3, 32);
        assertThat(out).hasSize(2 * 6 * 32 * 32);
        for (float v : out) {
            assertThat(v).isFinite();
        }
    }

    @Test
    void bfloat16WeightsConvertLikeTheSameValuesInFloat32() throws Exception {
        Map<String, long[]> shapes = new LinkedHashMap<>(
                UnetConfig.read(Golden.unet("tiny").resolve("config.json")).parameterShapes());
        Map<String, float[]> golden = new LinkedHashMap<>();
        try (SafetensorsFile src = SafetensorsFile.open(Golden.unet("tiny").resolve(WEIGHTS))) {
            for (String name : shapes.keySet()) {
                golden.put(name, src.readFloats(name));
            }
        }
        // bf16 keeps the top 16 bits; the f32 twin holds exactly the same truncated values.
        TestSafetensors.Values truncated = (name, i) ->
                Float.intBitsToFloat(Float.floatToRawIntBits(golden.get(name)[(int) i]) & 0xffff0000);
        Path bf = tmp.resolve("bf16");
        Path f32 = tmp.resolve("f32");
        for (Path d : new Path[] {bf, f32}) {
            Files.createDirectories(d);
            Files.copy(Golden.unet("tiny").resolve("config.json"), d.resolve("config.json"));
        }
        TestSafetensors.writeBF16(bf.resolve(WEIGHTS), shapes, truncated);
        TestSafetensors.writeF32(f32.resolve(WEIGHTS), shapes, truncated);
        convert(bf, false);
        convert(f32, false);
        Path io = Golden.unet("tiny").resolve("io_1");
        float[] sample = Golden.readF32(io.resolve("sample.f32"));
        long[] t = Golden.readI64(io.resolve("timestep.i64"));
        float[] a = UnetConverterGoldenTest.run(bf.resolve("model.onnx"), sample, t, 3, 32);
        float[] b = UnetConverterGoldenTest.run(f32.resolve("model.onnx"), sample, t, 3, 32);
        assertThat(a).containsExactly(b);
    }

    @Test
    void unsupportedConfigValueNamesKeyAndValue() throws Exception {
        Path dir = Golden.copyUnet("tiny", tmp.resolve("m"));
        ObjectNode cfg = (ObjectNode) new ObjectMapper().readTree(dir.resolve("config.json").toFile());
        cfg.put("resnet_time_scale_shift", "scale_shift");
        new ObjectMapper().writeValue(dir.resolve("config.json").toFile(), cfg);
        assertThatThrownBy(() -> convert(dir, false)).isInstanceOf(UserFacingException.class)
                .hasMessageContaining("resnet_time_scale_shift").hasMessageContaining("scale_shift");
        cfg.put("resnet_time_scale_shift", "default");
        cfg.putArray("down_block_types").add("DownBlock2D").add("CrossAttnDownBlock2D");
        new ObjectMapper().writeValue(dir.resolve("config.json").toFile(), cfg);
        assertThatThrownBy(() -> convert(dir, false)).hasMessageContaining("down_block_types")
                .hasMessageContaining("CrossAttnDownBlock2D");
        assertThat(dir.resolve("model.onnx")).doesNotExist();
    }

    @Test
    void weightsNotMatchingTheConfigNameTheTensor() throws Exception {
        Path dir = Golden.copyUnet("tiny", tmp.resolve("m"));
        ObjectNode cfg = (ObjectNode) new ObjectMapper().readTree(dir.resolve("config.json").toFile());
        cfg.putArray("block_out_channels").add(32).add(96);
        new ObjectMapper().writeValue(dir.resolve("config.json").toFile(), cfg);
        assertThatThrownBy(() -> convert(dir, false)).isInstanceOf(UserFacingException.class)
                .hasMessageContaining("down_blocks.1.resnets.0")
                .hasMessageContaining("[64, 32, 3, 3]").hasMessageContaining("[96, 32, 3, 3]");
        assertNoOutput(dir);
    }

    @Test
    void missingTensorIsNamed() throws Exception {
        Path dir = Golden.copyUnet("tiny", tmp.resolve("m"));
        Map<String, long[]> shapes = new LinkedHashMap<>(UnetConfig.read(dir.resolve("config.json")).parameterShapes());
        shapes.remove("conv_out.bias");
        TestSafetensors.writeF32(dir.resolve(WEIGHTS), shapes, TestSafetensors.randomWeights(3));
        assertThatThrownBy(() -> convert(dir, false)).hasMessageContaining("'conv_out.bias'");
        assertNoOutput(dir);
    }

    @Test
    void truncatedWeightsFail() throws Exception {
        Path dir = Golden.copyUnet("tiny", tmp.resolve("m"));
        Path w = dir.resolve(WEIGHTS);
        byte[] all = Files.readAllBytes(w);
        Files.write(w, java.util.Arrays.copyOf(all, all.length / 2));
        assertThatThrownBy(() -> convert(dir, false)).isInstanceOf(UserFacingException.class)
                .hasMessageContaining("past the end");
        assertNoOutput(dir);
    }

    @Test
    void headerLengthPastEndFails() throws Exception {
        Path dir = Golden.copyUnet("tiny", tmp.resolve("m"));
        Path w = dir.resolve(WEIGHTS);
        byte[] all = Files.readAllBytes(w);
        ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).putLong(0, all.length);
        Files.write(w, all);
        assertThatThrownBy(() -> convert(dir, false)).hasMessageContaining("truncated");
        assertNoOutput(dir);
    }

    @Test
    void overlappingOffsetsAndUnknownDtypeFail() throws Exception {
        Path dir = Golden.copyUnet("tiny", tmp.resolve("m"));
        Path w = dir.resolve(WEIGHTS);
        String header = readHeader(w);
        String badDtype = header.replaceFirst("\"dtype\":\"F32\"", "\"dtype\":\"F4\"");
        rewriteHeader(w, badDtype);
        assertThatThrownBy(() -> convert(dir, false)).hasMessageContaining("unknown dtype 'F4'");
        assertNoOutput(dir);

        rewriteHeader(w, shiftFirstOffsets(header));
        assertThatThrownBy(() -> convert(dir, false)).hasMessageContaining("overlaps");
        assertNoOutput(dir);
    }

    @Test
    void cancellationLeavesNoPartialModel() throws Exception {
        Path dir = Golden.copyUnet("tiny", tmp.resolve("m"));
        CancelToken cancel = new CancelToken();
        assertThatThrownBy(() -> UnetConverter.convert(dir.resolve("config.json"), dir.resolve(WEIGHTS),
                dir.resolve("model.onnx"), false, (f, msg) -> {
                    if (msg.startsWith("Writing")) {
                        cancel.cancel();
                    }
                }, cancel)).isInstanceOf(CancellationException.class);
        assertNoOutput(dir);
    }

    private UnetConverter.Result convert(Path dir, boolean force) {
        return UnetConverter.convert(dir.resolve("config.json"), dir.resolve(WEIGHTS), dir.resolve("model.onnx"),
                force, null, null);
    }

    /** Moves the second tensor (in data order) to start inside the first. */
    private static String shiftFirstOffsets(String header) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"data_offsets\":\\[(\\d+),(\\d+)\\]").matcher(header);
        long[][] offs = new long[2][];
        int k = 0;
        while (m.find() && k < 2) {
            offs[k++] = new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
        }
        // Header entries are sorted by name and data is in the same order, so the first two entries are adjacent.
        long len = offs[1][1] - offs[1][0];
        String from = "\"data_offsets\":[" + offs[1][0] + "," + offs[1][1] + "]";
        long newBegin = offs[1][0] - 4;
        String to = "\"data_offsets\":[" + newBegin + "," + (newBegin + len) + "]";
        return header.replace(from, to);
    }

    private static String readHeader(Path w) throws Exception {
        byte[] all = Files.readAllBytes(w);
        long n = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        return new String(all, 8, (int) n, java.nio.charset.StandardCharsets.UTF_8).strip();
    }

    /** Replaces the header, keeping the data area unchanged. */
    private static void rewriteHeader(Path w, String newHeader) throws Exception {
        byte[] all = Files.readAllBytes(w);
        long n = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        byte[] data = java.util.Arrays.copyOfRange(all, (int) (8 + n), all.length);
        TestSafetensors.writeRaw(w, newHeader, data);
    }

    private static void assertNoOutput(Path dir) throws Exception {
        assertThat(dir.resolve("model.onnx")).doesNotExist();
        assertNoTempFiles(dir);
    }

    private static void assertNoTempFiles(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }
}
