package org.repaintstudio.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import ai.onnx.proto.OnnxMl;

/** Small ONNX files built in code for the model-loading error paths. */
public final class TestModels {
    private TestModels() {}

    /** A valid ONNX model that is not a UNet: one float input {@code x} [1, 10], Identity to {@code y}. */
    public static Path identityModel(Path file) throws IOException {
        OnnxMl.TypeProto type = OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                .setShape(OnnxMl.TensorShapeProto.newBuilder()
                        .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(1))
                        .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(10)))).build();
        OnnxMl.GraphProto graph = OnnxMl.GraphProto.newBuilder()
                .setName("identity")
                .addInput(OnnxMl.ValueInfoProto.newBuilder().setName("x").setType(type))
                .addOutput(OnnxMl.ValueInfoProto.newBuilder().setName("y").setType(type))
                .addNode(OnnxMl.NodeProto.newBuilder().setOpType("Identity").addInput("x").addOutput("y"))
                .build();
        OnnxMl.ModelProto model = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(8)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .setGraph(graph)
                .build();
        Files.write(file, model.toByteArray());
        return file;
    }

    /**
     * A model with a UNet's interface: {@code sample} float [batch, 3, size, size] and {@code timestep}
     * int64 [1] in, {@code out_sample} out. With {@code nan} the output is (x − x) / (x − x), NaN
     * everywhere, as a model with damaged weights gives; otherwise it is the input (Identity).
     */
    public static Path unetInterface(Path file, long size, boolean nan) throws IOException {
        OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder()
                .setName(nan ? "nan" : "identity-unet")
                .addInput(OnnxMl.ValueInfoProto.newBuilder().setName("sample").setType(floatImage(size)))
                .addInput(OnnxMl.ValueInfoProto.newBuilder().setName("timestep").setType(OnnxMl.TypeProto.newBuilder()
                        .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                                .setElemType(OnnxMl.TensorProto.DataType.INT64.getNumber())
                                .setShape(OnnxMl.TensorShapeProto.newBuilder().addDim(
                                        OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(1))))))
                .addOutput(OnnxMl.ValueInfoProto.newBuilder().setName("out_sample").setType(floatImage(size)));
        if (nan) {
            graph.addNode(OnnxMl.NodeProto.newBuilder().setOpType("Sub").addInput("sample").addInput("sample").addOutput("zero"))
                    .addNode(OnnxMl.NodeProto.newBuilder().setOpType("Div").addInput("zero").addInput("zero")
                            .addOutput("out_sample"));
        } else {
            graph.addNode(OnnxMl.NodeProto.newBuilder().setOpType("Identity").addInput("sample").addOutput("out_sample"));
        }
        OnnxMl.ModelProto model = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(8)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .setGraph(graph)
                .build();
        Files.write(file, model.toByteArray());
        return file;
    }

    private static OnnxMl.TypeProto floatImage(long size) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder()
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(3))
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(size))
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(size));
        return OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setShape(shape)).build();
    }
}
