package org.repaintstudio.core.convert;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A small helper to emit ONNX nodes: unique value names, attributes and small constant
 * initializers. Large weights are not stored here but listed as {@link WeightInitializer}s,
 * which {@link OnnxModelWriter} streams from the weights file.
 */
final class OnnxGraphBuilder {
    private final OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder();
    private final List<WeightInitializer> weights = new ArrayList<>();
    private int counter;

    /** A large initializer whose float32 data comes from a safetensors tensor. */
    record WeightInitializer(String name, long[] dims, SafetensorsTensor source) {
        long byteLength() {
            return source.elementCount() * 4L;
        }
    }

    OnnxGraphBuilder(String name) {
        graph.setName(name);
    }

    String fresh(String hint) {
        return hint + "_" + (counter++);
    }

    /** Adds a node with one output and returns the output's name. */
    String op(String opType, String hint, List<String> inputs, OnnxMl.AttributeProto... attrs) {
        String out = fresh(hint);
        OnnxMl.NodeProto.Builder node = OnnxMl.NodeProto.newBuilder()
                .setOpType(opType)
                .setName(out + "_" + opType)
                .addAllInput(inputs)
                .addOutput(out);
        for (OnnxMl.AttributeProto a : attrs) {
            node.addAttribute(a);
        }
        graph.addNode(node);
        return out;
    }

    String op(String opType, String hint, String input, OnnxMl.AttributeProto... attrs) {
        return op(opType, hint, List.of(input), attrs);
    }

    /** Renames the final value: adds an Identity so the graph output has a fixed name. */
    void output(String value, String name, long[] dims, boolean dynamicBatch) {
        graph.addNode(OnnxMl.NodeProto.newBuilder().setOpType("Identity").setName(name + "_Identity")
                .addInput(value).addOutput(name));
        graph.addOutput(valueInfo(name, OnnxMl.TensorProto.DataType.FLOAT, dims, dynamicBatch));
    }

    void input(String name, OnnxMl.TensorProto.DataType type, long[] dims, boolean dynamicBatch) {
        graph.addInput(valueInfo(name, type, dims, dynamicBatch));
    }

    private static OnnxMl.ValueInfoProto valueInfo(String name, OnnxMl.TensorProto.DataType type, long[] dims,
                                                   boolean dynamicBatch) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (int i = 0; i < dims.length; i++) {
            OnnxMl.TensorShapeProto.Dimension.Builder d = OnnxMl.TensorShapeProto.Dimension.newBuilder();
            if (i == 0 && dynamicBatch) {
                d.setDimParam("batch");
            } else {
                d.setDimValue(dims[i]);
            }
            shape.addDim(d);
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(name)
                .setType(OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(type.getNumber()).setShape(shape)))
                .build();
    }

    /** Registers a weight to stream from the safetensors file; returns its value name. */
    String weight(String name, long[] dims, SafetensorsTensor source) {
        weights.add(new WeightInitializer(name, dims, source));
        return name;
    }

    String constFloats(String hint, long[] dims, float... values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        return constant(hint, OnnxMl.TensorProto.DataType.FLOAT, dims, buf.array());
    }

    String constInt64s(String hint, long... values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buf.asLongBuffer().put(values);
        return constant(hint, OnnxMl.TensorProto.DataType.INT64, new long[] {values.length}, buf.array());
    }

    private String constant(String hint, OnnxMl.TensorProto.DataType type, long[] dims, byte[] raw) {
        String name = fresh(hint);
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name)
                .setDataType(type.getNumber()).setRawData(ByteString.copyFrom(raw));
        for (long d : dims) {
            t.addDims(d);
        }
        // A Constant node rather than an initializer, so initializers are exactly the model's parameters.
        graph.addNode(OnnxMl.NodeProto.newBuilder().setOpType("Constant").setName(name + "_Constant").addOutput(name)
                .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("value")
                        .setType(OnnxMl.AttributeProto.AttributeType.TENSOR).setT(t)));
        return name;
    }

    OnnxMl.GraphProto graphWithoutWeights() {
        return graph.build();
    }

    List<WeightInitializer> weights() {
        return Collections.unmodifiableList(weights);
    }

    static OnnxMl.AttributeProto attr(String name, long value) {
        return OnnxMl.AttributeProto.newBuilder().setName(name)
                .setType(OnnxMl.AttributeProto.AttributeType.INT).setI(value).build();
    }

    static OnnxMl.AttributeProto attr(String name, float value) {
        return OnnxMl.AttributeProto.newBuilder().setName(name)
                .setType(OnnxMl.AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

    static OnnxMl.AttributeProto attr(String name, String value) {
        return OnnxMl.AttributeProto.newBuilder().setName(name)
                .setType(OnnxMl.AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8(value)).build();
    }

    static OnnxMl.AttributeProto attrs(String name, long... values) {
        OnnxMl.AttributeProto.Builder b = OnnxMl.AttributeProto.newBuilder().setName(name)
                .setType(OnnxMl.AttributeProto.AttributeType.INTS);
        for (long v : values) {
            b.addInts(v);
        }
        return b.build();
    }
}
