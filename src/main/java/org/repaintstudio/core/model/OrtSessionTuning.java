package org.repaintstudio.core.model;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;

/**
 * The ONNX Runtime session settings a UNet runs with, and how a session is opened with them.
 * Each choice was measured with {@code bench --compare-baseline} (see docs/performance.md):
 * <ul>
 *   <li>intra-op threads default to the physical cores: a second hyper-thread on the same core
 *       adds no floating-point units to the convolutions that dominate a call;</li>
 *   <li>spinning depends on the load when the session opens: on a busy machine, idle worker threads
 *       that spin steal the time slices the busy ones need (2.4× slower per call on emoji-64 at load 12 on
 *       2 cores), on a quieter one they save the wake-up of every operator (1.38× faster at load 3);</li>
 *   <li>the optimised graph is cached per model, ORT version and settings, which cuts the session
 *       start of a 256² model;</li>
 *   <li>the batch axis can be fixed when the caller knows its batch, so shape-dependent
 *       optimisations specialise.</li>
 * </ul>
 *
 * @param intraOpThreads ONNX Runtime threads for one operator
 * @param allowSpinning whether idle worker threads busy-wait for work
 * @param fixedBatch the batch size baked into the session, or 0 for the model's own (dynamic) batch axis
 * @param cacheOptimizedGraph whether to save the optimised graph and reuse it on later starts
 */
public record OrtSessionTuning(int intraOpThreads, boolean allowSpinning, int fixedBatch, boolean cacheOptimizedGraph) {

    /** ONNX Runtime's session option that controls spinning of idle intra-op threads. */
    static final String SPINNING_KEY = "session.intra_op.allow_spinning";

    public OrtSessionTuning {
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intraOpThreads must be at least 1");
        }
        if (fixedBatch < 0) {
            throw new IllegalArgumentException("fixedBatch must be 0 (dynamic) or positive");
        }
    }

    /**
     * The settings RePaint Studio uses: {@code threads} (0 = one per physical core), a cached graph, and spinning
     * chosen from the machine's load when the session opens (see {@link #spinningPays}).
     */
    public static OrtSessionTuning recommended(int threads) {
        return recommended(threads, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    static OrtSessionTuning recommended(int threads, double loadAverage) {
        int n = threads > 0 ? threads : CpuTopology.physicalCores();
        return new OrtSessionTuning(n, spinningPays(loadAverage, CpuTopology.physicalCores()), 0, true);
    }

    /**
     * Spinning idle threads pay only while the cores are not oversubscribed. Measured on 2 cores with emoji-64,
     * interleaved: at load 3.1 spinning was 1.38× faster per call, at load 11.8 it was 2.4× slower. So it is on
     * below a load of twice the physical cores, and off above it or when the load is unknown (Windows), because
     * the loss it risks is far larger than the gain.
     */
    static boolean spinningPays(double loadAverage, int cores) {
        return loadAverage >= 0 && loadAverage < 2.0 * cores;
    }

    /** The settings of builds before this tuning: one thread per logical CPU, spinning, no cache. */
    public static OrtSessionTuning previousBuild(int threads) {
        return new OrtSessionTuning(threads > 0 ? threads : Runtime.getRuntime().availableProcessors(), true, 0, false);
    }

    public OrtSessionTuning withFixedBatch(int batch) {
        return new OrtSessionTuning(intraOpThreads, allowSpinning, batch, cacheOptimizedGraph);
    }

    public OrtSessionTuning withThreads(int threads) {
        return new OrtSessionTuning(threads, allowSpinning, fixedBatch, cacheOptimizedGraph);
    }

    public OrtSessionTuning withSpinning(boolean spinning) {
        return new OrtSessionTuning(intraOpThreads, spinning, fixedBatch, cacheOptimizedGraph);
    }

    public OrtSessionTuning withCache(boolean cache) {
        return new OrtSessionTuning(intraOpThreads, allowSpinning, fixedBatch, cache);
    }

    /** One line for logs and {@code bench}: every setting that differs between tunings. */
    public String describe() {
        return String.format(Locale.ROOT, "%d intra-op thread(s), spinning %s, batch %s, optimised graph %s",
                intraOpThreads, allowSpinning ? "on" : "off", fixedBatch > 0 ? "fixed at " + fixedBatch : "dynamic",
                cacheOptimizedGraph ? "cached" : "rebuilt at each start");
    }

    /** Opens {@code model} with these settings, caching its optimised graph in the user's cache folder. */
    public OrtSession open(OrtEnvironment env, Path model) throws OrtException {
        return open(env, model, OptimizedGraphCache.inDefaultFolder());
    }

    /**
     * Opens {@code model} with these settings. With caching on, a cached optimised graph is loaded if one
     * matches; one that fails to load is deleted and the model is optimised again from the original.
     */
    public OrtSession open(OrtEnvironment env, Path model, OptimizedGraphCache cache) throws OrtException {
        if (!cacheOptimizedGraph || cache == null) {
            try (SessionOptions o = options(model)) {
                return env.createSession(model.toString(), o);
            }
        }
        return cache.open(env, model, this);
    }

    /** Options for optimising {@code model} from its original graph. */
    SessionOptions options(Path model) throws OrtException {
        SessionOptions o = common();
        o.setOptimizationLevel(SessionOptions.OptLevel.ALL_OPT);
        if (fixedBatch > 0) {
            for (String name : ModelInputs.batchDimensionNames(model)) {
                o.setSymbolicDimensionValue(name, fixedBatch);
            }
        }
        return o;
    }

    /** Options for a graph that was already optimised with these settings: nothing left to rewrite. */
    SessionOptions optionsForOptimizedGraph() throws OrtException {
        SessionOptions o = common();
        o.setOptimizationLevel(SessionOptions.OptLevel.NO_OPT);
        return o;
    }

    private SessionOptions common() throws OrtException {
        SessionOptions o = new SessionOptions();
        try {
            o.setExecutionMode(SessionOptions.ExecutionMode.SEQUENTIAL);
            o.setIntraOpNumThreads(intraOpThreads);
            o.setInterOpNumThreads(1);
            o.addConfigEntry(SPINNING_KEY, allowSpinning ? "1" : "0");
            o.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            return o;
        } catch (OrtException | RuntimeException e) {
            o.close();
            throw e;
        }
    }

    /** The part of the settings that changes the optimised graph, for the cache key. */
    String graphKey() {
        // Threads and spinning do not change the graph, but the NCHWc layout chosen at ALL_OPT depends on the CPU.
        return "opt=all;batch=" + fixedBatch;
    }
}
