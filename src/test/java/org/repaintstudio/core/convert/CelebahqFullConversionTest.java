package org.repaintstudio.core.convert;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scale check on the real google/ddpm-ema-celebahq-256 layout (113.7 M parameters, ~455 MB of
 * random F32 weights written to a temp dir): conversion within the test JVM's 2 GB heap, then one
 * UNet call at batch 1. About a minute on 2 cores; skip with -DexcludedGroups=slow.
 */
@Tag("slow")
class CelebahqFullConversionTest {

    @TempDir
    Path tmp;

    @Test
    void convertsAndRunsTheFullSizeModel() throws Exception {
        Path dir = tmp.resolve("celebahq_full");
        Files.createDirectories(dir);
        Path config = dir.resolve("config.json");
        Files.copy(Golden.unet("celebahq_full_config").resolve("config.json"), config);
        Path weights = dir.resolve("diffusion_pytorch_model.safetensors");
        UnetConfig cfg = UnetConfig.read(config);

        long t0 = System.nanoTime();
        TestSafetensors.writeF32(weights, new LinkedHashMap<>(cfg.parameterShapes()), TestSafetensors.randomWeights(42));
        long writeMs = (System.nanoTime() - t0) / 1_000_000;

        System.gc();
        resetHeapPeaks();
        long t1 = System.nanoTime();
        UnetConverter.Result r = UnetConverter.convert(config, weights, dir.resolve("model.onnx"), false, null, null);
        long convertMs = (System.nanoTime() - t1) / 1_000_000;
        long peakHeap = heapPeakBytes();
        assertThat(r.parameterCount()).isEqualTo(113_673_219L);
        assertThat(r.onnxBytes()).isGreaterThan(113_673_219L * 4);

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(2);
            long t2 = System.nanoTime();
            try (OrtSession s = env.createSession(r.onnx().toString(), opts)) {
                long loadMs = (System.nanoTime() - t2) / 1_000_000;
                float[] sample = new float[3 * 256 * 256];
                java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
                for (int i = 0; i < sample.length; i++) {
                    sample[i] = (float) rnd.nextGaussian();
                }
                try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(sample), new long[] {1, 3, 256, 256});
                     OnnxTensor t = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[] {500}), new long[] {1})) {
                    long t3 = System.nanoTime();
                    try (OrtSession.Result res = s.run(Map.of("sample", x, "timestep", t))) {
                        long runMs = (System.nanoTime() - t3) / 1_000_000;
                        OnnxTensor out = (OnnxTensor) res.get("out_sample").orElseThrow();
                        assertThat(out.getInfo().getShape()).containsExactly(1, 3, 256, 256);
                        FloatBuffer fb = out.getFloatBuffer();
                        while (fb.hasRemaining()) {
                            assertThat(fb.get()).isFinite();
                        }
                        System.out.printf("celebahq_full: weights %d MB written in %d ms; converted in %d ms to %d MB,"
                                        + " peak heap during conversion %d MB; ORT load %d ms, one call %d ms%n",
                                Files.size(weights) >> 20, writeMs, convertMs, r.onnxBytes() >> 20,
                                peakHeap >> 20, loadMs, runMs);
                    }
                }
            }
        }
        // Conversion must not need anything near the weights' size in heap.
        assertThat(peakHeap).isLessThan(512L << 20);
    }

    private static void resetHeapPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    private static long heapPeakBytes() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
