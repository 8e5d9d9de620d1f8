package org.repaintstudio.core.convert;

import java.nio.file.Path;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import org.repaintstudio.core.ErrorTranslator;
import org.repaintstudio.core.UserFacingException;

/**
 * Loads a freshly written ONNX file in ONNX Runtime before it is moved into place, so a conversion
 * never leaves, or reports as done, a model that cannot run.
 */
final class OnnxLoadCheck {
    private OnnxLoadCheck() {}

    static void requireLoads(Path onnx) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            // Loading checks the graph; optimising it would only cost time here.
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            options.setIntraOpNumThreads(1);
            options.setSessionLogLevel(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
            try (OrtSession session = env.createSession(onnx.toString(), options)) {
                session.getInputInfo();
            }
        } catch (OrtException e) {
            throw new UserFacingException("The converted model does not load in ONNX Runtime, so it was not saved ("
                    + stripEnd(ErrorTranslator.onnxRuntime(e.getMessage())) + ").", e);
        }
    }

    private static String stripEnd(String sentence) {
        String s = sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
