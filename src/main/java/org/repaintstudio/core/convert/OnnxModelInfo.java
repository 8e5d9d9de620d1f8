package org.repaintstudio.core.convert;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;

import org.repaintstudio.core.UserFacingException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Light facts about an ONNX file (inputs, parameter count, metadata) read by scanning the
 * protobuf and skipping tensor data, so a 455 MB model costs no heap and no ORT session.
 */
public record OnnxModelInfo(List<Input> inputs, List<Input> outputs, long parameterCount, Map<String, String> metadata) {

    /** A graph input or output; dims are -1 where symbolic (e.g. the batch axis). */
    public record Input(String name, int elemType, long[] dims) { }

    public static OnnxModelInfo read(Path onnx) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(onnx), 1 << 16)) {
            CodedInputStream cis = CodedInputStream.newInstance(in);
            cis.setSizeLimit(Integer.MAX_VALUE);
            List<Input> inputs = new ArrayList<>();
            List<Input> outputs = new ArrayList<>();
            Map<String, String> meta = new LinkedHashMap<>();
            long[] params = {0};
            while (true) {
                int tag = cis.readTag();
                if (tag == 0) {
                    break;
                }
                int field = WireFormat.getTagFieldNumber(tag);
                if (field == OnnxMl.ModelProto.GRAPH_FIELD_NUMBER) {
                    int limit = cis.pushLimit(cis.readRawVarint32());
                    readGraph(cis, inputs, outputs, params);
                    cis.popLimit(limit);
                } else if (field == OnnxMl.ModelProto.METADATA_PROPS_FIELD_NUMBER) {
                    OnnxMl.StringStringEntryProto e = OnnxMl.StringStringEntryProto.parseFrom(cis.readBytes());
                    meta.put(e.getKey(), e.getValue());
                } else {
                    cis.skipField(tag);
                }
            }
            if (inputs.isEmpty()) {
                throw new UserFacingException(onnx.getFileName() + " is not an ONNX model (it has no graph inputs).");
            }
            return new OnnxModelInfo(List.copyOf(inputs), List.copyOf(outputs), params[0], Collections.unmodifiableMap(meta));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new UserFacingException(onnx.getFileName() + " is not a valid ONNX file.", e);
        } catch (IOException e) {
            throw new UserFacingException(onnx.getFileName() + " cannot be read.", e);
        }
    }

    private static void readGraph(CodedInputStream cis, List<Input> inputs, List<Input> outputs, long[] params)
            throws IOException {
        List<Input> declared = new ArrayList<>();
        java.util.Set<String> initializerNames = new java.util.HashSet<>();
        while (!cis.isAtEnd()) {
            int tag = cis.readTag();
            int field = WireFormat.getTagFieldNumber(tag);
            if (field == OnnxMl.GraphProto.INITIALIZER_FIELD_NUMBER) {
                int limit = cis.pushLimit(cis.readRawVarint32());
                long count = 1;
                boolean hasDims = false;
                String name = "";
                int dataType = 0;
                while (!cis.isAtEnd()) {
                    int t = cis.readTag();
                    int f = WireFormat.getTagFieldNumber(t);
                    if (f == OnnxMl.TensorProto.DIMS_FIELD_NUMBER && WireFormat.getTagWireType(t) == WireFormat.WIRETYPE_VARINT) {
                        count *= cis.readInt64();
                        hasDims = true;
                    } else if (f == OnnxMl.TensorProto.DIMS_FIELD_NUMBER) {
                        int l = cis.pushLimit(cis.readRawVarint32());
                        while (!cis.isAtEnd()) {
                            count *= cis.readInt64();
                            hasDims = true;
                        }
                        cis.popLimit(l);
                    } else if (f == OnnxMl.TensorProto.DATA_TYPE_FIELD_NUMBER) {
                        dataType = cis.readInt32();
                    } else if (f == OnnxMl.TensorProto.NAME_FIELD_NUMBER) {
                        name = cis.readString();
                    } else {
                        cis.skipField(t);
                    }
                }
                cis.popLimit(limit);
                initializerNames.add(name);
                // Integer shape tensors and scalars are not parameters.
                if (isFloat(dataType) && hasDims && count > 1) {
                    params[0] += count;
                }
            } else if (field == OnnxMl.GraphProto.INPUT_FIELD_NUMBER) {
                declared.add(toInput(OnnxMl.ValueInfoProto.parseFrom(cis.readBytes())));
            } else if (field == OnnxMl.GraphProto.OUTPUT_FIELD_NUMBER) {
                outputs.add(toInput(OnnxMl.ValueInfoProto.parseFrom(cis.readBytes())));
            } else {
                cis.skipField(tag);
            }
        }
        // Old exporters list initializers among the inputs; those are not real inputs.
        for (Input in : declared) {
            if (!initializerNames.contains(in.name())) {
                inputs.add(in);
            }
        }
    }

    private static boolean isFloat(int dataType) {
        return dataType == OnnxMl.TensorProto.DataType.FLOAT_VALUE || dataType == OnnxMl.TensorProto.DataType.FLOAT16_VALUE
                || dataType == OnnxMl.TensorProto.DataType.BFLOAT16_VALUE || dataType == OnnxMl.TensorProto.DataType.DOUBLE_VALUE;
    }

    private static Input toInput(OnnxMl.ValueInfoProto v) {
        OnnxMl.TypeProto.Tensor t = v.getType().getTensorType();
        long[] dims = new long[t.getShape().getDimCount()];
        for (int i = 0; i < dims.length; i++) {
            OnnxMl.TensorShapeProto.Dimension d = t.getShape().getDim(i);
            dims[i] = d.hasDimValue() ? d.getDimValue() : -1;
        }
        return new Input(v.getName(), t.getElemType(), dims);
    }

    /** The input named {@code name}, if any. */
    public java.util.Optional<Input> input(String name) {
        return inputs.stream().filter(i -> i.name().equals(name)).findFirst();
    }
}
