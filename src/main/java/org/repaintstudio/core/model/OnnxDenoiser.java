package org.repaintstudio.core.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.sampler.Denoiser;
import org.repaintstudio.core.sampler.Shape;

/**
 * A UNet in an ONNX file, run by ONNX Runtime. Finds the image and timestep inputs by type and
 * rank (any names), supports int64, int32 or float timesteps as a batch vector or a scalar,
 * and 3- or 6-channel outputs. Input and output tensors wrap reused direct buffers, so a model call
 * allocates nothing on the Java heap. Not thread-safe: one run at a time per instance.
 */
public final class OnnxDenoiser implements Denoiser {
    private final OrtEnvironment env;
    private final OrtSession session;
    private final String sampleInput;
    private final String timestepInput;
    private final String output;
    private final OnnxJavaType timestepType;
    private final boolean timestepScalar;
    private final boolean timestepSingle;
    private final long batchDim;
    private final int height;
    private final int width;
    private int outputChannels;
    private final OrtSessionTuning tuning;
    private ExecutionOptions execution;
    private final Path file;
    private final Map<Shape, Buffers> buffers = new HashMap<>();

    private OnnxDenoiser(Path file, OrtEnvironment env, OrtSession session, OrtSessionTuning tuning) throws OrtException {
        this.file = file;
        this.env = env;
        this.session = session;
        this.tuning = tuning;
        String sample = null;
        String step = null;
        TensorInfo sampleInfo = null;
        TensorInfo stepInfo = null;
        for (Map.Entry<String, NodeInfo> in : session.getInputInfo().entrySet()) {
            if (!(in.getValue().getInfo() instanceof TensorInfo ti)) {
                throw unexpectedInputs();
            }
            if (ti.getShape().length == 4 && ti.type == OnnxJavaType.FLOAT && sample == null) {
                sample = in.getKey();
                sampleInfo = ti;
            } else if (ti.getShape().length <= 1 && step == null && isTimestepType(ti.type)) {
                step = in.getKey();
                stepInfo = ti;
            } else {
                throw unexpectedInputs();
            }
        }
        if (sample == null || step == null) {
            throw unexpectedInputs();
        }
        long[] s = sampleInfo.getShape();
        if (s[1] != 3 && s[1] >= 0) {
            throw new UserFacingException("The ONNX model's image input '" + sample + "' has " + s[1]
                    + " channels; RePaint needs an RGB (3-channel) model.");
        }
        this.sampleInput = sample;
        this.timestepInput = step;
        this.timestepType = stepInfo.type;
        this.timestepScalar = stepInfo.getShape().length == 0;
        this.timestepSingle = stepInfo.getShape().length == 1 && stepInfo.getShape()[0] == 1;
        this.batchDim = s[0];
        this.height = (int) s[2];
        this.width = (int) s[3];

        Map<String, NodeInfo> outs = session.getOutputInfo();
        Map.Entry<String, NodeInfo> first = outs.entrySet().iterator().next();
        if (!(first.getValue().getInfo() instanceof TensorInfo oi) || oi.getShape().length != 4
                || oi.type != OnnxJavaType.FLOAT) {
            throw new UserFacingException("The ONNX model's output '" + first.getKey()
                    + "' is not a 4-D float image; it is not a UNet for RePaint.");
        }
        long c = oi.getShape()[1];
        if (c >= 0 && c != 3 && c != 6) {
            throw new UserFacingException("The ONNX model predicts " + c
                    + " channels; RePaint needs 3 (noise) or 6 (noise and variance).");
        }
        this.output = first.getKey();
        this.outputChannels = (int) c;
    }

    private static boolean isTimestepType(OnnxJavaType t) {
        return t == OnnxJavaType.INT64 || t == OnnxJavaType.INT32 || t == OnnxJavaType.FLOAT;
    }

    private UserFacingException unexpectedInputs() throws OrtException {
        StringJoiner names = new StringJoiner(", ");
        for (Map.Entry<String, NodeInfo> in : session.getInputInfo().entrySet()) {
            names.add(in.getKey() + " " + in.getValue().getInfo());
        }
        return new UserFacingException("The ONNX model has unexpected inputs (" + names
                + "); a RePaint UNet takes a 4-D float image and a timestep.");
    }

    /** Opens a model on the CPU with {@code threads} intra-op threads (0 = one per physical core). */
    public static OnnxDenoiser open(Path onnxFile, int threads) {
        return open(onnxFile, ExecutionOptions.cpu(threads));
    }

    /** Opens a model on the CPU with the given session settings (bench compares settings this way). */
    public static OnnxDenoiser open(Path onnxFile, OrtSessionTuning tuning) {
        return open(onnxFile, tuning, ExecutionOptions.cpu(tuning.intraOpThreads()));
    }

    /**
     * Opens a model with {@link OrtSessionTuning#recommended} settings on the provider, device and threads of
     * {@code execution}. A GPU session never uses the optimised-graph cache: a graph saved from it is not for the CPU.
     */
    public static OnnxDenoiser open(Path onnxFile, ExecutionOptions execution) {
        OrtSessionTuning tuning = OrtSessionTuning.recommended(execution.threads());
        return open(onnxFile, execution.provider().isCpu() ? tuning : tuning.withCache(false), execution);
    }

    private static OnnxDenoiser open(Path onnxFile, OrtSessionTuning tuning, ExecutionOptions execution) {
        if (!Files.isRegularFile(onnxFile)) {
            throw new UserFacingException("The model file " + onnxFile + " does not exist.");
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session = null;
        try {
            session = execution.provider().isCpu() ? tuning.open(env, onnxFile) : openOnDevice(env, onnxFile, tuning,
                    execution);
            OnnxDenoiser d = new OnnxDenoiser(onnxFile, env, session, tuning);
            d.execution = execution;
            return d;
        } catch (OrtException e) {
            closeQuietly(session);
            throw new UserFacingException("The model " + onnxFile.getFileName()
                    + " could not be loaded by ONNX Runtime: " + firstLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    private static OrtSession openOnDevice(OrtEnvironment env, Path onnxFile, OrtSessionTuning tuning,
                                           ExecutionOptions execution) throws OrtException {
        try (OrtSession.SessionOptions options = tuning.options(onnxFile)) {
            execution.provider().addTo(options, execution.deviceId());
            return env.createSession(onnxFile.toString(), options);
        }
    }

    private static void closeQuietly(OrtSession s) {
        if (s != null) {
            try {
                s.close();
            } catch (OrtException ignored) {
                // nothing more to release
            }
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    public Path file() {
        return file;
    }

    public int threads() {
        return tuning.intraOpThreads();
    }

    /** The session settings this model runs with. */
    public OrtSessionTuning tuning() {
        return tuning;
    }

    /** The provider, device and threads this session runs with. */
    public ExecutionOptions execution() {
        return execution;
    }

    public String sampleInputName() {
        return sampleInput;
    }

    public String timestepInputName() {
        return timestepInput;
    }

    public OnnxJavaType timestepType() {
        return timestepType;
    }

    public boolean dynamicBatch() {
        return batchDim < 0;
    }

    @Override
    public int outputChannels() {
        if (outputChannels < 0) {
            // Channels are symbolic in the graph: learn them from one call.
            int h = height > 0 ? height : 32;
            int w = width > 0 ? width : 32;
            Shape probe = new Shape(1, 3, h, w);
            float[] out = runBatch(new float[probe.size()], probe, 0, 0, null);
            outputChannels = out.length / probe.size() * 3;
        }
        return outputChannels;
    }

    @Override
    public int fixedHeight() {
        return height;
    }

    @Override
    public int fixedWidth() {
        return width;
    }

    /** Largest batch one ONNX call takes: the fixed batch size, or unbounded. */
    public int maxBatch() {
        return batchDim > 0 ? (int) batchDim : Integer.MAX_VALUE;
    }

    @Override
    public void predict(float[] sample, Shape shape, int timestep, float[] out) {
        int perCall = Math.min(maxBatch(), shape.batch());
        if (batchDim > 0 && shape.batch() % batchDim != 0) {
            throw new UserFacingException("This model takes batches of exactly " + batchDim + " samples.");
        }
        for (int first = 0; first < shape.batch(); first += perCall) {
            runBatch(sample, shape.withBatch(perCall), timestep, first, out);
        }
    }

    /** Runs samples [first, first + shape.batch()) of {@code sample}; writes into {@code out} or returns a new array. */
    private float[] runBatch(float[] sample, Shape shape, int timestep, int first, float[] out) {
        Buffers b = buffers.computeIfAbsent(shape, this::allocate);
        b.sample.clear();
        b.sample.put(sample, first * shape.sampleSize(), shape.size());
        b.fillTimestep(timestep);
        try {
            if (b.output != null) {
                Map<String, OnnxTensor> pinned = Map.of(output, b.output);
                try (OrtSession.Result ignored = session.run(b.inputs, pinned)) {
                    // results were written into the pinned output buffer
                }
                FloatBuffer o = b.outputBuffer;
                o.clear();
                int len = shape.batch() * outputChannels * shape.pixels();
                if (out == null) {
                    out = new float[len];
                    o.get(out, 0, len);
                } else {
                    o.get(out, first * outputChannels * shape.pixels(), len);
                }
                return out;
            }
            try (OrtSession.Result r = session.run(b.inputs)) {
                OnnxTensor t = (OnnxTensor) r.get(0);
                FloatBuffer fb = t.getFloatBuffer();
                float[] values = new float[fb.remaining()];
                fb.get(values);
                if (out != null) {
                    System.arraycopy(values, 0, out, first * values.length / shape.batch(), values.length);
                }
                return values;
            }
        } catch (OrtException e) {
            throw new UserFacingException("The model failed to run: " + firstLine(e.getMessage()), e);
        }
    }

    private Buffers allocate(Shape shape) {
        try {
            return new Buffers(shape);
        } catch (OrtException e) {
            throw new UserFacingException("Could not prepare model inputs: " + firstLine(e.getMessage()), e);
        }
    }

    /** Direct buffers and the tensors wrapping them, for one input shape. */
    private final class Buffers {
        final FloatBuffer sample;
        final ByteBuffer timestepBytes;
        final Map<String, OnnxTensor> inputs = new HashMap<>();
        final OnnxTensor output;
        final FloatBuffer outputBuffer;
        final int timestepCount;

        Buffers(Shape shape) throws OrtException {
            sample = direct(shape.size() * 4).asFloatBuffer();
            long[] dims = {shape.batch(), shape.channels(), shape.height(), shape.width()};
            inputs.put(sampleInput, OnnxTensor.createTensor(env, sample, dims));
            timestepCount = timestepScalar || timestepSingle ? 1 : shape.batch();
            long[] tdims = timestepScalar ? new long[0] : new long[] {timestepCount};
            timestepBytes = direct(timestepCount * (timestepType == OnnxJavaType.INT64 ? 8 : 4));
            OnnxTensor t = switch (timestepType) {
                case INT64 -> OnnxTensor.createTensor(env, timestepBytes.asLongBuffer(), tdims);
                case INT32 -> OnnxTensor.createTensor(env, timestepBytes.asIntBuffer(), tdims);
                default -> OnnxTensor.createTensor(env, timestepBytes.asFloatBuffer(), tdims);
            };
            inputs.put(timestepInput, t);
            if (outputChannels > 0) {
                outputBuffer = direct(shape.batch() * outputChannels * shape.pixels() * 4).asFloatBuffer();
                output = OnnxTensor.createTensor(env, outputBuffer,
                        new long[] {shape.batch(), outputChannels, shape.height(), shape.width()});
            } else {
                outputBuffer = null;
                output = null;
            }
        }

        void fillTimestep(int t) {
            switch (timestepType) {
                case INT64 -> {
                    LongBuffer lb = timestepBytes.asLongBuffer();
                    for (int i = 0; i < timestepCount; i++) {
                        lb.put(i, t);
                    }
                }
                case INT32 -> {
                    IntBuffer ib = timestepBytes.asIntBuffer();
                    for (int i = 0; i < timestepCount; i++) {
                        ib.put(i, t);
                    }
                }
                default -> {
                    FloatBuffer fb = timestepBytes.asFloatBuffer();
                    for (int i = 0; i < timestepCount; i++) {
                        fb.put(i, t);
                    }
                }
            }
        }

        void close() {
            inputs.values().forEach(OnnxTensor::close);
            if (output != null) {
                output.close();
            }
        }
    }

    private static ByteBuffer direct(int bytes) {
        return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
    }

    @Override
    public void close() {
        buffers.values().forEach(Buffers::close);
        buffers.clear();
        closeQuietly(session);
    }
}
