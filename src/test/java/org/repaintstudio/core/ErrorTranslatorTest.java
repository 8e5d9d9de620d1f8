package org.repaintstudio.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

/** Library text never reaches the user: each raw form becomes a sentence. */
class ErrorTranslatorTest {

    @Test
    void onnxRuntimeErrorCodesBecomeSentences() {
        String raw = "Error code - ORT_INVALID_PROTOBUF - message: Load model from /home/u/models/x/model.onnx "
                + "failed:Protobuf parsing failed.";
        assertThat(ErrorTranslator.onnxRuntime(raw)).isEqualTo("model.onnx is not a valid ONNX file.");
        UserFacingException wrapped = new UserFacingException("The model model.onnx could not be loaded by ONNX Runtime: "
                + raw);
        assertThat(ErrorTranslator.sentence(wrapped)).isEqualTo("model.onnx is not a valid ONNX file.");
        assertThat(ErrorTranslator.onnxRuntime("Error code - ORT_RUNTIME_EXCEPTION - message: Non-zero status code "
                + "returned while running Conv node. Name:'/conv' Status Message: "
                + "/onnxruntime_src/onnxruntime/core/providers/cpu/nn/conv.cc:123 bad"))
                .isEqualTo("ONNX Runtime could not run the model.");
        assertThat(ErrorTranslator.onnxRuntime("Error code - ORT_NOT_IMPLEMENTED - message: Could not find an "
                + "implementation for Foo(1) node with name ''")).isEqualTo("The model uses an operator this ONNX Runtime does not support.");
    }

    @Test
    void tensorInfoDumpsAndExceptionPrefixesAreRemoved() {
        UserFacingException e = new UserFacingException("The ONNX model has unexpected inputs (x TensorInfo(javaType=FLOAT,"
                + "onnxType=ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT,shape=[1, 10])); a RePaint UNet takes a 4-D float image "
                + "and a timestep.");
        assertThat(ErrorTranslator.sentence(e)).isEqualTo("The ONNX model has unexpected inputs (x float tensor [1, 10]); "
                + "a RePaint UNet takes a 4-D float image and a timestep.");
        assertThat(ErrorTranslator.sentence(new RuntimeException(
                new UserFacingException("UserFacingException: org.repaintstudio.core.UserFacingException: Steps must be 1."))))
                .isEqualTo("Steps must be 1.");
    }

    @Test
    void jacksonSourceLinesBecomeLineAndColumn() {
        IOException parse;
        try {
            new ObjectMapper().readTree("{\"a\": 1,\n \"b\": }");
            throw new AssertionError("expected a parse error");
        } catch (IOException e) {
            parse = e;
        }
        String sentence = ErrorTranslator.sentence(new UserFacingException("config.json is not valid JSON: "
                + parse.getMessage(), parse));
        assertThat(sentence).doesNotContain("[Source").doesNotContain("\n").contains("line 2, column");
        assertThat(ErrorTranslator.sentence(parse)).startsWith("A JSON file is not valid JSON (line 2, column ");
    }

    @Test
    void unexpectedExceptionsAndOutOfMemoryStillGetOneSentence() {
        assertThat(ErrorTranslator.sentence(new NegativeArraySizeException("-64771072")))
                .doesNotContain("-64771072").startsWith("A size or count is too large");
        assertThat(ErrorTranslator.sentence(new ArithmeticException("/ by zero"))).doesNotContain("/ by zero");
        assertThat(ErrorTranslator.sentence(new RuntimeException(new OutOfMemoryError("Java heap space"))))
                .startsWith("Out of memory: Java may use only");
        assertThat(ErrorTranslator.sentence(new UserFacingException("Clean sentence."))).isEqualTo("Clean sentence.");
        assertThat(ErrorTranslator.rawDetail(new RuntimeException("x", new IllegalStateException("y"))))
                .contains("IllegalStateException: y");
    }
}
