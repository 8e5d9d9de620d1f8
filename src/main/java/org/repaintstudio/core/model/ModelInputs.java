package org.repaintstudio.core.model;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;

/**
 * Names of the symbolic batch axes of an ONNX model's inputs, read by scanning the protobuf and
 * skipping the weights (a 455 MB model costs no heap). ONNX Runtime fixes a symbolic axis by name.
 */
final class ModelInputs {
    private ModelInputs() {
    }

    /** The distinct {@code dim_param} names of the first axis of every graph input; empty if none is named. */
    static List<String> batchDimensionNames(Path onnx) {
        Set<String> names = new LinkedHashSet<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(onnx), 1 << 16)) {
            CodedInputStream cis = CodedInputStream.newInstance(in);
            cis.setSizeLimit(Integer.MAX_VALUE);
            for (int tag = cis.readTag(); tag != 0; tag = cis.readTag()) {
                if (WireFormat.getTagFieldNumber(tag) == OnnxMl.ModelProto.GRAPH_FIELD_NUMBER) {
                    int limit = cis.pushLimit(cis.readRawVarint32());
                    readInputs(cis, names);
                    cis.popLimit(limit);
                } else {
                    cis.skipField(tag);
                }
            }
        } catch (IOException e) {
            // Not a readable model: nothing to fix; opening it reports the problem in one sentence.
            return List.of();
        }
        return List.copyOf(names);
    }

    private static void readInputs(CodedInputStream cis, Set<String> names) throws IOException {
        while (!cis.isAtEnd()) {
            int tag = cis.readTag();
            if (WireFormat.getTagFieldNumber(tag) != OnnxMl.GraphProto.INPUT_FIELD_NUMBER) {
                cis.skipField(tag);
                continue;
            }
            OnnxMl.ValueInfoProto v = OnnxMl.ValueInfoProto.parseFrom(cis.readBytes());
            OnnxMl.TensorShapeProto shape = v.getType().getTensorType().getShape();
            if (shape.getDimCount() > 0 && shape.getDim(0).hasDimParam() && !shape.getDim(0).getDimParam().isEmpty()) {
                names.add(shape.getDim(0).getDimParam());
            }
        }
    }
}
