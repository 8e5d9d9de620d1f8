package org.repaintstudio.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxJavaType;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.repaintstudio.core.Golden;
import org.repaintstudio.core.TestModels;
import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.sampler.SeededNoise;
import org.repaintstudio.core.sampler.Shape;
import org.repaintstudio.core.tensor.Compare;

/**
 * Input/output detection, on variants of the golden tiny UNet whose graph is rewired: other input
 * names, float or scalar timesteps, a fixed batch of 1, and a 6-channel output.
 */
class OnnxDenoiserTest {
    @TempDir
    static Path dir;

    /** Batch size and graph rewiring change ONNX Runtime's kernels, hence tiny float differences. */
    static final double TOLERANCE = 2e-5;
    static final Shape BATCH2 = new Shape(2, 3, 32, 32);
    static float[] sample = new float[BATCH2.size()];
    static float[] reference = new float[BATCH2.size()];

    @BeforeAll
    static void referenceOutput() {
        new SeededNoise(11).next(sample, 2);
        try (OnnxDenoiser d = OnnxDenoiser.open(Golden.tinyModel(), 2)) {
            assertThat(d.outputChannels()).isEqualTo(3);
            assertThat(d.fixedHeight()).isEqualTo(32);
            assertThat(d.dynamicBatch()).isTrue();
            assertThat(d.timestepType()).isEqualTo(OnnxJavaType.INT64);
            d.predict(sample, BATCH2, 321, reference);
        }
    }

    private static Path variant(String name, UnaryOperator<OnnxMl.GraphProto.Builder> edit) throws IOException {
        OnnxMl.ModelProto model = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(Golden.tinyModel()));
        OnnxMl.ModelProto.Builder b = model.toBuilder();
        edit.apply(b.getGraphBuilder());
        Path f = dir.resolve(name + ".onnx");
        Files.write(f, b.build().toByteArray());
        return f;
    }

    private static int inputIndex(OnnxMl.GraphProto.Builder g, String name) {
        for (int i = 0; i < g.getInputCount(); i++) {
            if (g.getInput(i).getName().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static OnnxMl.ValueInfoProto input(String name, OnnxMl.TensorProto.DataType type, long... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(d < 0 ? OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch")
                    : OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder().setTensorType(
                OnnxMl.TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape))).build();
    }

    private static OnnxMl.NodeProto node(String op, String[] in, String out, OnnxMl.AttributeProto... attrs) {
        OnnxMl.NodeProto.Builder n = OnnxMl.NodeProto.newBuilder().setOpType(op).addOutput(out);
        for (String s : in) {
            n.addInput(s);
        }
        for (OnnxMl.AttributeProto a : attrs) {
            n.addAttribute(a);
        }
        return n.build();
    }

    private static OnnxMl.AttributeProto intAttr(String name, long v) {
        return OnnxMl.AttributeProto.newBuilder().setName(name).setType(OnnxMl.AttributeProto.AttributeType.INT).setI(v).build();
    }

    private static OnnxMl.TensorProto int64Const(String name, long... values) {
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.INT64.getNumber()).addDims(values.length);
        for (long v : values) {
            t.addInt64Data(v);
        }
        return t.build();
    }

    private static float[] run(Path model, Shape shape) {
        float[] out = new float[shape.size()];
        try (OnnxDenoiser d = OnnxDenoiser.open(model, 2)) {
            d.predict(sample, shape, 321, out);
        }
        return out;
    }

    @Test
    void findsInputsByTypeWhateverTheirNamesAndAcceptsFloatTimesteps() throws IOException {
        Path f = variant("float_t", g -> {
            // New graph inputs "x" (image) and "t" (float); the old names become internal values.
            int s = inputIndex(g, "sample");
            g.setInput(s, input("x", OnnxMl.TensorProto.DataType.FLOAT, -1, 3, 32, 32));
            int t = inputIndex(g, "timestep");
            g.setInput(t, input("t", OnnxMl.TensorProto.DataType.FLOAT, -1));
            g.addNode(0, node("Identity", new String[] {"x"}, "sample"));
            g.addNode(0, node("Cast", new String[] {"t"}, "timestep", intAttr("to", OnnxMl.TensorProto.DataType.INT64.getNumber())));
            return g;
        });
        try (OnnxDenoiser d = OnnxDenoiser.open(f, 2)) {
            assertThat(d.sampleInputName()).isEqualTo("x");
            assertThat(d.timestepInputName()).isEqualTo("t");
            assertThat(d.timestepType()).isEqualTo(OnnxJavaType.FLOAT);
        }
        assertThat(Compare.maxAbs(run(f, BATCH2), reference)).isLessThan(TOLERANCE);
    }

    @Test
    void acceptsAScalarTimestep() throws IOException {
        Path f = variant("scalar_t", g -> {
            int t = inputIndex(g, "timestep");
            g.setInput(t, input("t", OnnxMl.TensorProto.DataType.INT64));
            g.addInitializer(int64Const("one", 1));
            g.addInitializer(int64Const("starts", 0));
            g.addInitializer(int64Const("ends", 1));
            g.addNode(0, node("Expand", new String[] {"t1", "batch"}, "timestep"));
            g.addNode(0, node("Slice", new String[] {"shape", "starts", "ends"}, "batch"));
            g.addNode(0, node("Shape", new String[] {"sample"}, "shape"));
            g.addNode(0, node("Reshape", new String[] {"t", "one"}, "t1"));
            return g;
        });
        assertThat(Compare.maxAbs(run(f, BATCH2), reference)).isLessThan(TOLERANCE);
    }

    @Test
    void aFixedBatchOfOneIsCalledOncePerSample() throws IOException {
        Path f = variant("batch1", g -> {
            g.setInput(inputIndex(g, "sample"), input("sample", OnnxMl.TensorProto.DataType.FLOAT, 1, 3, 32, 32));
            g.setInput(inputIndex(g, "timestep"), input("timestep", OnnxMl.TensorProto.DataType.INT64, 1));
            return g;
        });
        try (OnnxDenoiser d = OnnxDenoiser.open(f, 2)) {
            assertThat(d.dynamicBatch()).isFalse();
            assertThat(d.maxBatch()).isEqualTo(1);
        }
        assertThat(Compare.maxAbs(run(f, BATCH2), reference)).isLessThan(TOLERANCE);
    }

    @Test
    void detectsSixOutputChannels() throws IOException {
        Path f = variant("six", g -> {
            String out = g.getOutput(0).getName();
            g.setOutput(0, input("eps_and_variance", OnnxMl.TensorProto.DataType.FLOAT, -1, 6, 32, 32));
            g.addNode(node("Concat", new String[] {out, out}, "eps_and_variance", intAttr("axis", 1)));
            return g;
        });
        try (OnnxDenoiser d = OnnxDenoiser.open(f, 2)) {
            assertThat(d.outputChannels()).isEqualTo(6);
            float[] out = new float[2 * 6 * 32 * 32];
            d.predict(sample, BATCH2, 321, out);
            // Sample 1's noise channels come after sample 0's six channels.
            float[] eps1 = java.util.Arrays.copyOfRange(out, 6 * 1024, 9 * 1024);
            assertThat(Compare.maxAbs(eps1, java.util.Arrays.copyOfRange(reference, 3 * 1024, 6 * 1024))).isLessThan(TOLERANCE);
        }
    }

    @Test
    void rejectsModelsThatAreNotUNets() throws IOException {
        Path identity = TestModels.identityModel(dir.resolve("identity.onnx"));
        assertThatThrownBy(() -> OnnxDenoiser.open(identity, 1)).isInstanceOf(UserFacingException.class)
                .hasMessageStartingWith("The ONNX model has unexpected inputs (x ");
        Path garbage = dir.resolve("garbage.onnx");
        Files.write(garbage, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> OnnxDenoiser.open(garbage, 1)).isInstanceOf(UserFacingException.class)
                .hasMessageContaining("could not be loaded by ONNX Runtime");
    }
}
