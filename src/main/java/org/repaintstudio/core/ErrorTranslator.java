package org.repaintstudio.core;

import java.nio.file.Path;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.onnxruntime.OrtException;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Turns any failure into one sentence a user understands, for every front end (the CLI's
 * top-level handler, the app's error dialogs). Library text (ONNX Runtime error codes and source
 * paths, {@code TensorInfo(...)} dumps, exception class prefixes, Jackson's {@code at [Source: ...]})
 * never reaches the sentence; the raw detail goes to the log (logger {@value #LOGGER}, level FINE)
 * and stays available through {@link #rawDetail}.
 */
public final class ErrorTranslator {
    public static final String LOGGER = "org.repaintstudio.errors";
    private static final Logger LOG = Logger.getLogger(LOGGER);

    private static final Pattern ORT_CODE = Pattern.compile("Error code - (ORT_[A-Z_]+) - message: ?(.*)", Pattern.DOTALL);
    private static final Pattern ORT_MODEL_PATH = Pattern.compile("(?:Load model from|model_path=|from) ?([^\\s]+?\\.onnx)");
    private static final Pattern TENSOR_INFO = Pattern.compile(
            "TensorInfo\\(javaType=(\\w+),\\s*onnxType=\\w+,\\s*shape=(\\[[^\\]]*\\])\\)");
    private static final Pattern OTHER_INFO = Pattern.compile("(?:Sequence|Map)Info\\([^)]*\\)");
    private static final Pattern JACKSON_SOURCE = Pattern.compile(
            "\\s*at \\[Source: .*?line: (\\d+), column: (\\d+)\\]", Pattern.DOTALL);
    private static final Pattern JACKSON_SOURCE_ANY = Pattern.compile("\\s*at \\[Source:.*", Pattern.DOTALL);
    private static final Pattern CLASS_PREFIX = Pattern.compile("\\b(?:[a-z][\\w$]*\\.)*[A-Z][\\w$]*(?:Exception|Error): ?");
    private static final Pattern SOURCE_PATH = Pattern.compile("\\S*onnxruntime\\S*\\.(?:cc|h|cpp):\\d+\\S*\\s*");

    private ErrorTranslator() {}

    /** The one sentence shown to a user for this failure; its raw detail is logged. */
    public static String sentence(Throwable error) {
        String s = translate(error);
        if (LOG.isLoggable(Level.FINE)) {
            LOG.log(Level.FINE, "shown to the user as: " + s, error);
        }
        return s;
    }

    /** The failure as a {@link UserFacingException} with a clean sentence, keeping the cause and exit code. */
    public static UserFacingException userFacing(Throwable error) {
        int code = error instanceof UserFacingException u ? u.exitCode() : 1;
        return new UserFacingException(sentence(error), error, code);
    }

    /** Everything a developer needs: the class and message of every exception in the chain. */
    public static String rawDetail(Throwable error) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (sb.length() > 0) {
                sb.append(" / caused by ");
            }
            sb.append(t.getClass().getName()).append(": ").append(t.getMessage());
            if (t.getCause() == t) {
                break;
            }
        }
        return sb.toString();
    }

    private static String translate(Throwable error) {
        OutOfMemoryError oom = find(error, OutOfMemoryError.class);
        if (oom != null) {
            return outOfMemory();
        }
        UserFacingException user = find(error, UserFacingException.class);
        if (user != null && user.getMessage() != null && !isRaw(user.getMessage())) {
            return finish(user.getMessage());
        }
        OrtException ort = find(error, OrtException.class);
        if (ort != null) {
            return onnxRuntime(ort.getMessage());
        }
        if (user != null && user.getMessage() != null && user.getMessage().contains("Error code - ORT_")) {
            return onnxRuntime(user.getMessage());
        }
        JsonProcessingException json = find(error, JsonProcessingException.class);
        if (json != null && user == null) {
            return json(json, null);
        }
        if (user != null && user.getMessage() != null) {
            return finish(clean(user.getMessage()));
        }
        return unexpected(error);
    }

    /** A sentence for a JSON file that cannot be parsed, with the line and column where it breaks. */
    public static String json(JsonProcessingException e, Path file) {
        String what = file == null ? "A JSON file" : file.getFileName().toString();
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            return String.format(Locale.ROOT, "%s is not valid JSON (line %d, column %d).", what,
                    e.getLocation().getLineNr(), e.getLocation().getColumnNr());
        }
        return what + " is not valid JSON.";
    }

    /** A sentence for an ONNX Runtime error message, by its error code. */
    public static String onnxRuntime(String message) {
        String text = message == null ? "" : message;
        Matcher m = ORT_CODE.matcher(text);
        String code = m.find() ? m.group(1) : "";
        String detail = m.find(0) ? m.group(2) : text;
        Matcher p = ORT_MODEL_PATH.matcher(detail);
        String model = p.find() ? Path.of(p.group(1)).getFileName().toString() : "The model";
        return switch (code) {
            case "ORT_INVALID_PROTOBUF" -> model + " is not a valid ONNX file.";
            case "ORT_NO_SUCHFILE" -> model + " does not exist.";
            case "ORT_INVALID_GRAPH" -> model + " is not a valid ONNX model: its graph is inconsistent.";
            case "ORT_NOT_IMPLEMENTED" -> model + " uses an operator this ONNX Runtime does not support.";
            case "ORT_INVALID_ARGUMENT" -> "The model rejected its input: it does not take images of this size or type.";
            case "ORT_NO_MODEL" -> "No model is loaded.";
            case "ORT_ENGINE_ERROR", "ORT_EP_FAIL" -> "The accelerator failed to run the model; try the CPU.";
            default -> model.equals("The model") ? "ONNX Runtime could not run the model."
                    : model + " could not be loaded by ONNX Runtime.";
        };
    }

    private static String outOfMemory() {
        return "Out of memory: Java may use only " + (Runtime.getRuntime().maxMemory() >> 20)
                + " MB here; try a smaller image or fewer samples, or give Java more memory (-Xmx).";
    }

    private static String unexpected(Throwable e) {
        if (e instanceof NegativeArraySizeException || e instanceof ArithmeticException) {
            return "A size or count is too large to compute (internal error "
                    + e.getClass().getSimpleName() + "); run with -Drepaint.debug=true for details.";
        }
        return "Internal error (" + e.getClass().getSimpleName() + "); run with -Drepaint.debug=true for details.";
    }

    /** Whether a message carries library text that a user must not see. */
    public static boolean isRaw(String message) {
        return message.contains("Error code - ORT_") || TENSOR_INFO.matcher(message).find()
                || OTHER_INFO.matcher(message).find() || message.contains("at [Source:")
                || CLASS_PREFIX.matcher(message).find() || SOURCE_PATH.matcher(message).find()
                || message.contains("\n");
    }

    /** Removes library text from a message that is otherwise meant for a user. */
    public static String clean(String message) {
        String s = message;
        Matcher ort = ORT_CODE.matcher(s);
        if (ort.find()) {
            s = s.substring(0, ort.start()) + onnxRuntime(s.substring(ort.start()));
        }
        s = TENSOR_INFO.matcher(s).replaceAll(r -> r.group(1).toLowerCase(Locale.ROOT) + " tensor " + r.group(2));
        s = OTHER_INFO.matcher(s).replaceAll("non-tensor value");
        Matcher src = JACKSON_SOURCE.matcher(s);
        s = src.find() ? src.replaceAll(r -> " (line " + r.group(1) + ", column " + r.group(2) + ")") : s;
        s = JACKSON_SOURCE_ANY.matcher(s).replaceAll("");
        s = CLASS_PREFIX.matcher(s).replaceAll("");
        s = SOURCE_PATH.matcher(s).replaceAll("");
        int nl = s.indexOf('\n');
        return (nl >= 0 ? s.substring(0, nl) : s).trim();
    }

    private static String finish(String s) {
        String t = s.trim();
        if (t.isEmpty()) {
            return "Something went wrong; run with -Drepaint.debug=true for details.";
        }
        return t.endsWith(".") || t.endsWith("?") || t.endsWith("!") ? t : t + ".";
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 32; t = t.getCause(), depth++) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
