package org.repaintstudio.core.convert;

import ai.onnx.proto.OnnxMl;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.io.AtomicFiles;
import org.repaintstudio.core.io.FileDigests;
import org.repaintstudio.core.task.CancelToken;
import org.repaintstudio.core.task.ProgressListener;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Converts a diffusers UNet2DModel ({@code config.json} + {@code diffusion_pytorch_model.safetensors})
 * into an ONNX model for ONNX Runtime, in pure Java.
 *
 * <p>The output is cached: next to {@code model.onnx} a sidecar {@code model.onnx.json} records the
 * sha256 of the weights and config it came from, so a rerun reuses the file and a change of weights
 * converts again. Output is written to a temporary file and moved into place atomically; a failed
 * or cancelled conversion leaves no partial {@code model.onnx}. Run it off the UI thread.
 */
public final class UnetConverter {
    /** Bump when the emitted graph changes, so cached conversions are redone. */
    public static final int CONVERTER_VERSION = 1;
    public static final int OPSET = 17;
    static final String SIDECAR_SUFFIX = ".json";

    private UnetConverter() {}

    /** How an existing ONNX file relates to a weights file. */
    public enum CacheState {
        /** No ONNX file yet. */
        MISSING,
        /** Converted by us from exactly these weights and config. */
        CURRENT,
        /** Converted by us, but the weights, config or converter changed since. */
        STALE,
        /** An ONNX file we did not write (or that was modified since); it is never overwritten silently. */
        FOREIGN
    }

    /**
     * @param nonFiniteWeights how many weights are NaN or infinite (0 for a reused conversion, which was checked
     *                         when it was made); such a model produces NaN
     * @param firstNonFiniteTensor the first tensor holding one, or null
     */
    public record Result(Path onnx, boolean reused, long onnxBytes, long parameterCount,
                         String weightsSha256, Duration elapsed, long nonFiniteWeights, String firstNonFiniteTensor) {
        /** A one-sentence warning when the weights hold NaN or infinite values. */
        public java.util.Optional<String> warning() {
            if (nonFiniteWeights == 0) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(String.format(java.util.Locale.ROOT,
                    "%,d weights (first in %s) are NaN or infinite, so the model will probably produce NaN.",
                    nonFiniteWeights, firstNonFiniteTensor));
        }
    }

    /**
     * Converts unless {@code onnxOut} is already current. A FOREIGN file is only replaced when
     * {@code force} is set; {@code force} also redoes a current conversion.
     */
    public static Result convert(Path configJson, Path weights, Path onnxOut, boolean force,
                                 ProgressListener progress, CancelToken cancel) {
        long start = System.nanoTime();
        ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
        CancelToken token = cancel == null ? CancelToken.none() : cancel;
        UnetConfig cfg = UnetConfig.read(configJson);
        try (SafetensorsFile file = SafetensorsFile.open(weights)) {
            if (!force && isForeign(onnxOut)) {
                throw new UserFacingException(onnxOut + " already exists and was not converted from these weights;"
                        + " convert with --force to replace it.");
            }
            CacheKey key = CacheKey.of(configJson, weights, onnxOut, listener, token);
            CacheState state = cacheState(key, onnxOut);
            if (state == CacheState.CURRENT && !force) {
                listener.progress(1, "Using the existing conversion " + onnxOut.getFileName() + ".");
                return new Result(onnxOut, true, Files.size(onnxOut), file.parameterCount(), key.weightsSha256,
                        Duration.ofNanos(System.nanoTime() - start), 0, null);
            }
            if (state == CacheState.FOREIGN && !force) {
                throw new UserFacingException(onnxOut + " already exists and was not converted from these weights;"
                        + " convert with --force to replace it.");
            }
            listener.progress(0.1, "Building the UNet graph");
            UnetWeights unetWeights = new UnetWeights(file);
            OnnxGraphBuilder graph = new UnetGraphBuilder(cfg, unetWeights).build();
            long nonFinite = 0;
            String firstBad = null;
            for (OnnxGraphBuilder.WeightInitializer w : graph.weights()) {
                long bad = file.countNonFinite(w.source());
                if (bad > 0 && firstBad == null) {
                    firstBad = w.source().name();
                }
                nonFinite += bad;
            }
            writeAtomically(graph, file, key, onnxOut, listener, token);
            listener.progress(1, "Converted " + weights.getFileName() + " to " + onnxOut.getFileName() + ".");
            return new Result(onnxOut, false, Files.size(onnxOut), file.parameterCount(), key.weightsSha256,
                    Duration.ofNanos(System.nanoTime() - start), nonFinite, firstBad);
        } catch (IOException e) {
            throw new UserFacingException("Conversion failed: " + e.getMessage(), e);
        }
    }

    /** Cache state of {@code onnx} for these inputs; hashes the weights only when size or mtime changed. */
    public static CacheState cacheState(Path configJson, Path weights, Path onnx) {
        if (!Files.exists(onnx)) {
            return CacheState.MISSING;
        }
        try {
            if (isForeign(onnx)) {
                return CacheState.FOREIGN; // decided without hashing the weights
            }
            return cacheState(CacheKey.of(configJson, weights, onnx, ProgressListener.NONE, CancelToken.none()), onnx);
        } catch (IOException e) {
            throw new UserFacingException("Cannot check " + onnx + ": " + e.getMessage(), e);
        }
    }

    /** The sidecar that records what {@code onnx} was converted from. */
    public static Path sidecarOf(Path onnx) {
        return onnx.resolveSibling(onnx.getFileName() + SIDECAR_SUFFIX);
    }

    /** An existing file without our matching sidecar: someone else's model, never overwritten silently. */
    private static boolean isForeign(Path onnx) throws IOException {
        if (!Files.exists(onnx)) {
            return false;
        }
        JsonNode side = readSidecar(onnx);
        return side == null || side.path("onnx_size").asLong(-1) != Files.size(onnx);
    }

    private static CacheState cacheState(CacheKey key, Path onnx) throws IOException {
        if (!Files.exists(onnx)) {
            return CacheState.MISSING;
        }
        JsonNode side = readSidecar(onnx);
        if (side == null || side.path("onnx_size").asLong(-1) != Files.size(onnx)) {
            return CacheState.FOREIGN;
        }
        return key.matches(side) ? CacheState.CURRENT : CacheState.STALE;
    }

    private static JsonNode readSidecar(Path onnx) {
        Path side = sidecarOf(onnx);
        if (!Files.isRegularFile(side)) {
            return null;
        }
        try {
            JsonNode n = new ObjectMapper().readTree(side.toFile());
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void writeAtomically(OnnxGraphBuilder graph, SafetensorsFile file, CacheKey key, Path onnxOut,
                                        ProgressListener listener, CancelToken cancel) throws IOException {
        Path dir = onnxOut.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        long weightBytes = OnnxModelWriter.totalWeightBytes(graph.weights());
        long usable = Files.getFileStore(dir).getUsableSpace();
        if (usable < weightBytes + (16L << 20)) {
            throw new UserFacingException("Not enough disk space in " + dir + " for the converted model ("
                    + (weightBytes >> 20) + " MB needed, " + (usable >> 20) + " MB free).");
        }
        OnnxMl.ModelProto header = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(8)
                .setProducerName("RePaint Studio")
                .setProducerVersion("unet-converter-" + CONVERTER_VERSION)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setDocString("diffusers UNet2DModel converted from " + file.path().getFileName())
                .addMetadataProps(prop("repaint.weights_sha256", key.weightsSha256))
                .addMetadataProps(prop("repaint.config_sha256", key.configSha256))
                .build();
        Path tmp = tempSibling(onnxOut.toAbsolutePath());
        boolean moved = false;
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
                OnnxModelWriter.write(out, header, graph.graphWithoutWeights(), graph.weights(), file,
                        done -> listener.progress(0.1 + 0.9 * done / Math.max(1, weightBytes),
                                "Writing weights (" + (done >> 20) + " of " + (weightBytes >> 20) + " MB)"),
                        cancel);
                out.force(false);
            }
            cancel.throwIfCancelled();
            listener.progress(0.99, "Checking that ONNX Runtime loads the result");
            OnnxLoadCheck.requireLoads(tmp);
            Files.deleteIfExists(sidecarOf(onnxOut));
            AtomicFiles.replace(tmp, onnxOut);
            moved = true;
            try {
                writeSidecar(key, onnxOut);
            } catch (IOException | RuntimeException e) {
                // Without its sidecar the model would look foreign and never be replaced: leave neither.
                Files.deleteIfExists(onnxOut);
                throw e;
            }
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static void writeSidecar(CacheKey key, Path onnx) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode n = mapper.createObjectNode();
        n.put("converter_version", CONVERTER_VERSION);
        n.put("weights_file", key.weights.getFileName().toString());
        n.put("weights_sha256", key.weightsSha256);
        n.put("weights_size", key.weightsSize);
        n.put("weights_mtime_ms", key.weightsMtime);
        n.put("config_sha256", key.configSha256);
        n.put("onnx_size", Files.size(onnx));
        Path side = sidecarOf(onnx);
        Path tmp = tempSibling(side.toAbsolutePath());
        try {
            Files.write(tmp, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(n), StandardOpenOption.CREATE_NEW);
            AtomicFiles.replace(tmp, side);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * A fresh hidden name next to {@code target}, for write-then-rename. Created by the caller with
     * CREATE_NEW so the file gets the usual permissions (createTempFile would make it owner-only).
     */
    static Path tempSibling(Path target) {
        long r = java.util.concurrent.ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
        return target.resolveSibling("." + target.getFileName() + "." + Long.toString(r, 36) + ".tmp");
    }

    private static OnnxMl.StringStringEntryProto prop(String k, String v) {
        return OnnxMl.StringStringEntryProto.newBuilder().setKey(k).setValue(v).build();
    }

    /** What a conversion depends on: weights (hash, size, mtime), config bytes and converter version. */
    private record CacheKey(Path weights, String weightsSha256, long weightsSize, long weightsMtime, String configSha256) {

        static CacheKey of(Path configJson, Path weights, Path onnx, ProgressListener listener, CancelToken cancel)
                throws IOException {
            long size = Files.size(weights);
            long mtime = Files.getLastModifiedTime(weights).toMillis();
            String configSha = FileDigests.sha256(configJson, null, cancel);
            JsonNode side = readSidecar(onnx);
            String weightsSha;
            if (side != null && side.path("weights_size").asLong(-1) == size
                    && side.path("weights_mtime_ms").asLong(-1) == mtime
                    && side.path("weights_sha256").isTextual()) {
                // Same size and mtime as when we hashed: trust the recorded hash instead of reading 100s of MB.
                weightsSha = side.path("weights_sha256").asText();
            } else {
                listener.progress(0, "Checking " + weights.getFileName());
                weightsSha = FileDigests.sha256(weights, done -> listener.progress(0.1 * done / Math.max(1, size),
                        "Checking " + weights.getFileName()), cancel);
            }
            return new CacheKey(weights, weightsSha, size, mtime, configSha);
        }

        boolean matches(JsonNode side) {
            return side.path("converter_version").asInt(-1) == CONVERTER_VERSION
                    && weightsSha256.equals(side.path("weights_sha256").asText())
                    && configSha256.equals(side.path("config_sha256").asText());
        }
    }

}
