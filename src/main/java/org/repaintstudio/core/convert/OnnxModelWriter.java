package org.repaintstudio.core.convert;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;

import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.task.CancelToken;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Writes an ONNX model whose big initializers are streamed from a safetensors file instead of
 * being held in a protobuf in memory. Protobuf fields may appear in any order and repeated
 * fields concatenate, so the file is: the model's small fields, then the graph field whose
 * payload is the small graph followed by one initializer entry per weight, each ending with its
 * raw_data bytes copied straight from the weights file.
 */
final class OnnxModelWriter {
    /** Protobuf messages cannot exceed 2 GB; stay clear of it. */
    static final long MAX_SINGLE_FILE_BYTES = 2_000_000_000L;

    private OnnxModelWriter() {}

    static long totalWeightBytes(List<OnnxGraphBuilder.WeightInitializer> weights) {
        long n = 0;
        for (OnnxGraphBuilder.WeightInitializer w : weights) {
            n += w.byteLength();
        }
        return n;
    }

    /**
     * @param modelWithoutGraph the ModelProto's other fields (opsets, producer, metadata)
     * @param bytesWritten receives the count of weight bytes written so far, for progress
     */
    static void write(FileChannel out, OnnxMl.ModelProto modelWithoutGraph, OnnxMl.GraphProto smallGraph,
                      List<OnnxGraphBuilder.WeightInitializer> weights, SafetensorsFile source,
                      LongConsumer bytesWritten, CancelToken cancel) throws IOException {
        long weightBytes = totalWeightBytes(weights);
        if (weightBytes > MAX_SINGLE_FILE_BYTES) {
            throw new UserFacingException("The model has " + weightBytes / 1_000_000
                    + " MB of weights, more than a single ONNX file can hold (2 GB).");
        }
        byte[][] headers = new byte[weights.size()][];
        byte[] graphBytes = smallGraph.toByteArray();
        long graphSize = graphBytes.length;
        int initializerTag = OnnxMl.GraphProto.INITIALIZER_FIELD_NUMBER;
        int rawTag = OnnxMl.TensorProto.RAW_DATA_FIELD_NUMBER;
        for (int i = 0; i < weights.size(); i++) {
            OnnxGraphBuilder.WeightInitializer w = weights.get(i);
            OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(w.name())
                    .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber());
            for (long d : w.dims()) {
                t.addDims(d);
            }
            headers[i] = t.build().toByteArray();
            graphSize += CodedOutputStream.computeTagSize(initializerTag) + lengthPrefixedSize(tensorSize(headers[i], w));
        }

        writeBytes(out, modelWithoutGraph.toByteArray());
        writeBytes(out, tagAndLength(OnnxMl.ModelProto.GRAPH_FIELD_NUMBER, graphSize));
        writeBytes(out, graphBytes);
        long done = 0;
        for (int i = 0; i < weights.size(); i++) {
            cancel.throwIfCancelled();
            OnnxGraphBuilder.WeightInitializer w = weights.get(i);
            writeBytes(out, tagAndLength(initializerTag, tensorSize(headers[i], w)));
            writeBytes(out, headers[i]);
            writeBytes(out, tagAndLength(rawTag, w.byteLength()));
            long before = out.position();
            source.writeFloat32(w.source(), out);
            if (out.position() - before != w.byteLength()) {
                throw new IOException("tensor " + w.name() + " wrote " + (out.position() - before)
                        + " bytes instead of " + w.byteLength());
            }
            done += w.byteLength();
            bytesWritten.accept(done);
        }
    }

    private static long tensorSize(byte[] header, OnnxGraphBuilder.WeightInitializer w) {
        return header.length + CodedOutputStream.computeTagSize(OnnxMl.TensorProto.RAW_DATA_FIELD_NUMBER)
                + CodedOutputStream.computeUInt64SizeNoTag(w.byteLength()) + w.byteLength();
    }

    private static long lengthPrefixedSize(long payload) {
        return CodedOutputStream.computeUInt64SizeNoTag(payload) + payload;
    }

    private static byte[] tagAndLength(int field, long length) throws IOException {
        byte[] buf = new byte[CodedOutputStream.computeTagSize(field) + CodedOutputStream.computeUInt64SizeNoTag(length)];
        CodedOutputStream cos = CodedOutputStream.newInstance(buf);
        cos.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        cos.writeUInt64NoTag(length);
        cos.flush();
        return buf;
    }

    private static void writeBytes(WritableByteChannel out, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            out.write(b);
        }
    }
}
