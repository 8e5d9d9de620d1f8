package org.repaintstudio.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.TensorInfo;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.repaintstudio.core.Golden;
import org.repaintstudio.core.sampler.SeededNoise;
import org.repaintstudio.core.sampler.Shape;
import org.repaintstudio.core.tensor.Compare;

/** The session settings, the optimised-graph cache and the fixed batch axis, on the golden tiny UNet. */
class OrtSessionTuningTest {
    static final Shape BATCH2 = new Shape(2, 3, 32, 32);
    static final float[] SAMPLE = new float[BATCH2.size()];
    static final float[] REFERENCE = new float[BATCH2.size()];
    /** Graph rewrites and batch specialisation change ONNX Runtime's kernels, hence tiny float differences. */
    static final double TOLERANCE = 2e-5;
    static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    @TempDir
    Path dir;

    @BeforeAll
    static void referenceOutput() {
        new SeededNoise(5).next(SAMPLE, 2);
        try (OnnxDenoiser d = OnnxDenoiser.open(Golden.tinyModel(), OrtSessionTuning.previousBuild(1))) {
            d.predict(SAMPLE, BATCH2, 123, REFERENCE);
        }
    }

    @Test
    void recommendedUsesPhysicalCoresSpinningByLoadAndTheCache() {
        OrtSessionTuning t = OrtSessionTuning.recommended(0, 1000.0);
        assertThat(t.intraOpThreads()).isBetween(1, Runtime.getRuntime().availableProcessors());
        assertThat(t.allowSpinning()).isFalse();
        assertThat(OrtSessionTuning.recommended(0, 0.0).allowSpinning()).isTrue();
        assertThat(OrtSessionTuning.spinningPays(3.1, 2)).isTrue();
        assertThat(OrtSessionTuning.spinningPays(11.8, 2)).isFalse();
        assertThat(OrtSessionTuning.spinningPays(-1, 2)).as("load unknown").isFalse();
        assertThat(t.cacheOptimizedGraph()).isTrue();
        assertThat(t.fixedBatch()).isZero();
        assertThat(OrtSessionTuning.recommended(3).intraOpThreads()).isEqualTo(3);
        OrtSessionTuning old = OrtSessionTuning.previousBuild(0);
        assertThat(old.intraOpThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(old.allowSpinning()).isTrue();
        assertThat(old.cacheOptimizedGraph()).isFalse();
        assertThat(t.describe()).contains("spinning off").contains("cached");
    }

    @Test
    void spinningSettingReachesOnnxRuntime() throws OrtException {
        try (SessionOptions off = OrtSessionTuning.recommended(1).withSpinning(false).options(Golden.tinyModel());
                SessionOptions on = OrtSessionTuning.previousBuild(1).options(Golden.tinyModel())) {
            assertThat(off.getConfigEntries()).containsEntry(OrtSessionTuning.SPINNING_KEY, "0");
            assertThat(on.getConfigEntries()).containsEntry(OrtSessionTuning.SPINNING_KEY, "1");
        }
    }

    @Test
    void physicalCoresCountSiblingSets(@TempDir Path sys) throws IOException {
        String[] siblings = {"0-1", "0-1", "2-3", "2-3"};
        for (int i = 0; i < siblings.length; i++) {
            Path topo = Files.createDirectories(sys.resolve("cpu" + i + "/topology"));
            Files.writeString(topo.resolve("thread_siblings_list"), siblings[i] + "\n");
        }
        Files.createDirectories(sys.resolve("cpufreq"));
        assertThat(CpuTopology.coresFromSysfs(sys)).isEqualTo(2);
        assertThat(CpuTopology.coresFromSysfs(sys.resolve("missing"))).isZero();
    }

    @Test
    void batchAxisNameComesFromTheModelAndFixesTheSession() throws IOException {
        List<String> names = ModelInputs.batchDimensionNames(Golden.tinyModel());
        assertThat(names).hasSize(1);
        Path renamed = withBatchAxisNamed("n_images");
        assertThat(ModelInputs.batchDimensionNames(renamed)).containsExactly("n_images");
        try (OnnxDenoiser d = OnnxDenoiser.open(renamed, OrtSessionTuning.recommended(1).withCache(false).withFixedBatch(2))) {
            assertThat(d.dynamicBatch()).isFalse();
            assertThat(d.maxBatch()).isEqualTo(2);
            float[] out = new float[BATCH2.size()];
            d.predict(SAMPLE, BATCH2, 123, out);
            assertThat(Compare.maxAbs(out, REFERENCE)).isLessThan(TOLERANCE);
        }
    }

    @Test
    void secondOpenReusesTheCachedGraph() throws Exception {
        OptimizedGraphCache cache = new OptimizedGraphCache(dir.resolve("cache"));
        Path model = copyOfTiny();
        OrtSessionTuning t = OrtSessionTuning.recommended(1);
        Path entry = cache.entryFor(ENV, model, t);
        openAndClose(model, t, cache);
        assertThat(entry).isRegularFile();
        assertThat(entries(cache)).containsExactly(entry);
        // Put a recognisably different graph (batch fixed at 1) under the entry's name: the next open must load it.
        Files.copy(withBatchFixedAtOne(), entry, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        FileTime stamp = Files.getLastModifiedTime(entry);
        try (OrtSession s = t.open(ENV, model, cache)) {
            assertThat(((TensorInfo) s.getInputInfo().get("sample").getInfo()).getShape()[0]).isEqualTo(1);
        }
        assertThat(Files.getLastModifiedTime(entry)).isEqualTo(stamp);
    }

    @Test
    void changedModelGetsANewEntryAndTheOldOneIsDeleted() throws Exception {
        OptimizedGraphCache cache = new OptimizedGraphCache(dir.resolve("cache"));
        Path model = copyOfTiny();
        OrtSessionTuning t = OrtSessionTuning.recommended(1);
        openAndClose(model, t, cache);
        Path first = cache.entryFor(ENV, model, t);
        Files.copy(withBatchAxisNamed("renamed"), model, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path second = cache.entryFor(ENV, model, t);
        assertThat(second).isNotEqualTo(first);
        openAndClose(model, t, cache);
        assertThat(entries(cache)).containsExactly(second);
        // Other settings of the same model keep their own entry.
        openAndClose(model, t.withFixedBatch(2), cache);
        assertThat(entries(cache)).hasSize(2).contains(second);
    }

    @Test
    void unreadableCacheEntryIsRebuiltAndTheRunIsCorrect() throws Exception {
        OptimizedGraphCache cache = new OptimizedGraphCache(dir.resolve("cache"));
        Path model = copyOfTiny();
        OrtSessionTuning t = OrtSessionTuning.recommended(1);
        Path entry = cache.entryFor(ENV, model, t);
        Files.createDirectories(entry.getParent());
        Files.writeString(entry, "not an onnx graph");
        try (OrtSession s = t.open(ENV, model, cache)) {
            assertThat(s.getInputNames()).contains("sample");
        }
        assertThat(Files.size(entry)).isGreaterThan(1000);
        assertThat(runThrough(model, t, cache)).isLessThan(TOLERANCE);
    }

    @Test
    void unwritableCacheFolderStillOpensTheModel() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("file"), "x");
        OptimizedGraphCache cache = new OptimizedGraphCache(notAFolder.resolve("cache"));
        assertThat(runThrough(copyOfTiny(), OrtSessionTuning.recommended(1), cache)).isLessThan(TOLERANCE);
    }

    @Test
    void cachedGraphComputesTheSameAsTheOriginal() throws Exception {
        OptimizedGraphCache cache = new OptimizedGraphCache(dir.resolve("cache"));
        Path model = copyOfTiny();
        OrtSessionTuning t = OrtSessionTuning.recommended(1);
        openAndClose(model, t, cache);
        assertThat(runThrough(model, t, cache)).isLessThan(TOLERANCE);
    }

    /** Max difference from the reference of one batch-2 call through a session opened from the cache. */
    private static double runThrough(Path model, OrtSessionTuning t, OptimizedGraphCache cache) throws Exception {
        try (OrtSession s = t.open(ENV, model, cache)) {
            var sample = ai.onnxruntime.OnnxTensor.createTensor(ENV, java.nio.FloatBuffer.wrap(SAMPLE), new long[] {2, 3, 32, 32});
            var step = ai.onnxruntime.OnnxTensor.createTensor(ENV, new long[] {123, 123});
            try (sample; step; OrtSession.Result r = s.run(java.util.Map.of("sample", sample, "timestep", step))) {
                float[] out = new float[BATCH2.size()];
                ((ai.onnxruntime.OnnxTensor) r.get(0)).getFloatBuffer().get(out);
                return Compare.maxAbs(out, REFERENCE);
            }
        }
    }

    private static void openAndClose(Path model, OrtSessionTuning t, OptimizedGraphCache cache) throws OrtException {
        t.open(ENV, model, cache).close();
    }

    private static List<Path> entries(OptimizedGraphCache cache) throws IOException {
        try (Stream<Path> s = Files.list(cache.folder())) {
            return s.toList();
        }
    }

    private Path copyOfTiny() throws IOException {
        return Files.copy(Golden.tinyModel(), dir.resolve("tiny.onnx"));
    }

    private Path withBatchAxisNamed(String name) throws IOException {
        return edited("axis-" + name, d -> d.clearDimValue().setDimParam(name));
    }

    private Path withBatchFixedAtOne() throws IOException {
        return edited("batch1", d -> d.clearDimParam().setDimValue(1));
    }

    /** The tiny model with the first axis of every input edited. */
    private Path edited(String name, java.util.function.UnaryOperator<OnnxMl.TensorShapeProto.Dimension.Builder> edit)
            throws IOException {
        OnnxMl.ModelProto.Builder b = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(Golden.tinyModel())).toBuilder();
        for (OnnxMl.ValueInfoProto.Builder in : b.getGraphBuilder().getInputBuilderList()) {
            edit.apply(in.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder().getDimBuilder(0));
        }
        Path f = dir.resolve(name + ".onnx");
        Files.write(f, b.build().toByteArray());
        return f;
    }
}
