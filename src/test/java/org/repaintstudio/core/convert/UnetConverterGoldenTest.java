package org.repaintstudio.core.convert;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The converted graph must reproduce diffusers' UNet2DModel outputs stored in the goldens. */
class UnetConverterGoldenTest {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource({"tiny, io_0, 3, 32", "tiny, io_1, 3, 32", "celebahq_small, io_0, 3, 64"})
    void matchesDiffusersOutput(String model, String io, int channels, int size) throws Exception {
        Path dir = Golden.copyUnet(model, tmp.resolve(model));
        Path onnx = dir.resolve("model.onnx");
        UnetConverter.Result r = UnetConverter.convert(dir.resolve("config.json"),
                dir.resolve("diffusion_pytorch_model.safetensors"), onnx, false, null, null);
        assertThat(r.reused()).isFalse();

        Path caseDir = Golden.unet(model).resolve(io);
        float[] sample = Golden.readF32(caseDir.resolve("sample.f32"));
        long[] t = Golden.readI64(caseDir.resolve("timestep.i64"));
        float[] expected = Golden.readF32(caseDir.resolve("out_sample.f32"));
        float[] actual = run(onnx, sample, t, channels, size);

        double maxAbs = 0;
        for (int i = 0; i < expected.length; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(expected[i] - actual[i]));
        }
        System.out.printf("golden %s/%s max abs diff %.3g%n", model, io, maxAbs);
        assertThat(actual).hasSize(expected.length);
        assertThat(maxAbs).isLessThanOrEqualTo(1e-4);
    }

    static float[] run(Path onnx, float[] sample, long[] t, int channels, int size) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(2);
            try (OrtSession s = env.createSession(onnx.toString(), opts);
                 OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(sample), new long[] {t.length, channels, size, size});
                 OnnxTensor ts = OnnxTensor.createTensor(env, LongBuffer.wrap(t), new long[] {t.length});
                 OrtSession.Result res = s.run(Map.of("sample", x, "timestep", ts))) {
                FloatBuffer fb = ((OnnxTensor) res.get("out_sample").orElseThrow()).getFloatBuffer();
                float[] out = new float[fb.remaining()];
                fb.get(out);
                return out;
            }
        }
    }
}
