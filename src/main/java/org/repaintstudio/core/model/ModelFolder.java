package org.repaintstudio.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.convert.OnnxModelInfo;
import org.repaintstudio.core.convert.SafetensorsFile;
import org.repaintstudio.core.convert.UnetConfig;
import org.repaintstudio.core.convert.UnetConverter;
import org.repaintstudio.core.task.CancelToken;
import org.repaintstudio.core.task.ProgressListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * A model as the user points at it: a diffusers folder ({@code config.json} +
 * {@code diffusion_pytorch_model.safetensors} and/or {@code model.onnx} at the root, or the same
 * under {@code unet/} with {@code scheduler/scheduler_config.json}), or a bare {@code .onnx} file.
 *
 * <p>Cheap to create: it reads small JSON files and safetensors/ONNX headers only, and never opens
 * an ONNX Runtime session. {@link #ensureOnnx} converts on demand (slow: call it off the UI thread).
 */
public final class ModelFolder {
    public static final String CONFIG = "config.json";
    public static final String WEIGHTS = "diffusion_pytorch_model.safetensors";
    public static final String ONNX = "model.onnx";
    public static final String SCHEDULER_CONFIG = "scheduler_config.json";
    /** Written by a Hub pull: repo id and revision. */
    public static final String SOURCE_FILE = "source.json";
    /** The training tools' sidecar: steps, losses and the model's domain. */
    public static final String TRAINING_STATE = "training_state.json";

    /** Layout the model was found in. */
    public enum Layout { DIFFUSERS_FOLDER, DIFFUSERS_PIPELINE, ONNX_FILE }

    private final Path location;
    private final Layout layout;
    /** Folder that holds config.json / weights / model.onnx (the unet/ folder for a pipeline). */
    private final Path unetDir;
    private final Path onnxPath;
    private final UnetConfig unetConfig;
    private final JsonNode schedulerConfig;
    private final boolean hasSchedulerConfig;
    private final String displayName;

    private ModelFolder(Path location, Layout layout, Path unetDir, Path onnxPath, UnetConfig unetConfig,
                        JsonNode schedulerConfig, boolean hasSchedulerConfig, String displayName) {
        this.location = location;
        this.layout = layout;
        this.unetDir = unetDir;
        this.onnxPath = onnxPath;
        this.unetConfig = unetConfig;
        this.schedulerConfig = schedulerConfig;
        this.hasSchedulerConfig = hasSchedulerConfig;
        this.displayName = displayName;
    }

    /** Suffix of a download that can be resumed (see HubClient). */
    public static final String PARTIAL_SUFFIX = ".part";

    /**
     * True for a folder left by an interrupted Hub download: it holds resumable {@value #PARTIAL_SUFFIX}
     * files and nothing else (sub-folders aside). Such a folder is not a broken model.
     */
    public static boolean isInterruptedDownload(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(dir, 4)) {
            List<Path> regular = files.filter(Files::isRegularFile).toList();
            return !regular.isEmpty() && regular.stream()
                    .allMatch(f -> f.getFileName().toString().endsWith(PARTIAL_SUFFIX));
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    /** Resolves a user-given path into a model, or says in one sentence why it is not one. */
    public static ModelFolder open(Path path) {
        Path p = path.toAbsolutePath().normalize();
        if (!Files.exists(p)) {
            throw new UserFacingException("Model path " + path + " does not exist.");
        }
        if (Files.isRegularFile(p)) {
            if (!p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
                throw new UserFacingException(path + " is neither a model folder nor an .onnx file.");
            }
            String name = p.getFileName().toString().replaceFirst("(?i)\\.onnx$", "");
            return new ModelFolder(p, Layout.ONNX_FILE, p.getParent(), p, null, defaultScheduler(), false, name);
        }
        Path unetDir;
        Layout layout;
        if (isModelDir(p)) {
            unetDir = p;
            layout = Layout.DIFFUSERS_FOLDER;
        } else if (isModelDir(p.resolve("unet"))) {
            unetDir = p.resolve("unet");
            layout = Layout.DIFFUSERS_PIPELINE;
        } else if (Files.exists(p.resolve("diffusion_pytorch_model.bin")) || Files.exists(p.resolve("unet/diffusion_pytorch_model.bin"))) {
            throw new UserFacingException(path + " has only PyTorch .bin weights; RePaint Studio needs "
                    + WEIGHTS + " (safetensors) or " + ONNX + ".");
        } else {
            throw new UserFacingException(path + " is not a model folder: it needs " + CONFIG + " with " + WEIGHTS
                    + " or " + ONNX + ", at the top or under unet/.");
        }
        UnetConfig cfg = null;
        if (Files.isRegularFile(unetDir.resolve(CONFIG))) {
            try {
                cfg = UnetConfig.read(unetDir.resolve(CONFIG));
            } catch (UserFacingException e) {
                // A ready model.onnx is usable even when its config is beyond what we can convert.
                if (Files.isRegularFile(unetDir.resolve(WEIGHTS)) || !Files.isRegularFile(unetDir.resolve(ONNX))) {
                    throw e;
                }
            }
        }
        Path root = p;
        Path schedulerFile = findSchedulerConfig(root, unetDir);
        JsonNode scheduler = schedulerFile == null ? defaultScheduler() : readJson(schedulerFile);
        return new ModelFolder(p, layout, unetDir, unetDir.resolve(ONNX), cfg, scheduler, schedulerFile != null,
                nameOf(p, root));
    }

    private static boolean isModelDir(Path dir) {
        return Files.isDirectory(dir) && (Files.isRegularFile(dir.resolve(ONNX))
                || (Files.isRegularFile(dir.resolve(CONFIG)) && Files.isRegularFile(dir.resolve(WEIGHTS))));
    }

    private static Path findSchedulerConfig(Path root, Path unetDir) {
        List<Path> candidates = List.of(
                root.resolve("scheduler").resolve(SCHEDULER_CONFIG),
                root.resolve(SCHEDULER_CONFIG),
                unetDir.resolve(SCHEDULER_CONFIG),
                // A user may point at the unet/ folder of a pipeline.
                unetDir.resolveSibling("scheduler").resolve(SCHEDULER_CONFIG));
        return candidates.stream().filter(Files::isRegularFile).findFirst().orElse(null);
    }

    private static String nameOf(Path folder, Path root) {
        JsonNode source = readJsonIfPresent(root.resolve(SOURCE_FILE));
        if (source != null && source.path("repo_id").isTextual()) {
            return source.path("repo_id").asText();
        }
        Path name = folder.getFileName();
        if (name != null && name.toString().equals("unet") && folder.getParent() != null
                && Files.isDirectory(folder.resolveSibling("scheduler"))) {
            name = folder.getParent().getFileName();
        }
        return name == null ? folder.toString() : name.toString();
    }

    /** Scheduler defaults for models without a scheduler config: diffusers' DDPM training defaults. */
    public static JsonNode defaultScheduler() {
        ObjectNode n = new ObjectMapper().createObjectNode();
        n.put("_class_name", "DDPMScheduler");
        n.put("num_train_timesteps", 1000);
        n.put("beta_start", 0.0001);
        n.put("beta_end", 0.02);
        n.put("beta_schedule", "linear");
        return n;
    }

    public Path location() {
        return location;
    }

    public Layout layout() {
        return layout;
    }

    public String displayName() {
        return displayName;
    }

    /** The UNet's config.json, if the model has one (a bare ONNX file has none). */
    public Optional<Path> configFile() {
        Path c = unetDir.resolve(CONFIG);
        return layout != Layout.ONNX_FILE && Files.isRegularFile(c) ? Optional.of(c) : Optional.empty();
    }

    public Optional<Path> weightsFile() {
        Path w = unetDir.resolve(WEIGHTS);
        return layout != Layout.ONNX_FILE && Files.isRegularFile(w) ? Optional.of(w) : Optional.empty();
    }

    /** Where the ONNX model is, or will be after conversion. */
    public Path onnxPath() {
        return onnxPath;
    }

    /** The parsed UNet config; empty for a bare ONNX file (the engine reads its inputs instead). */
    public Optional<UnetConfig> unetConfig() {
        return Optional.ofNullable(unetConfig);
    }

    /** The scheduler config as found, or {@link #defaultScheduler()} (1000 linear betas 1e-4..0.02). */
    public JsonNode schedulerConfig() {
        return schedulerConfig.deepCopy();
    }

    public boolean hasSchedulerConfig() {
        return hasSchedulerConfig;
    }

    /**
     * Whether {@link #ensureOnnx} has work to do: safetensors exist and the ONNX model is missing
     * or was converted from other weights. An ONNX file we did not write is used as it is.
     */
    public boolean needsConversion() {
        if (layout == Layout.ONNX_FILE || weightsFile().isEmpty() || configFile().isEmpty()) {
            return false;
        }
        UnetConverter.CacheState s = UnetConverter.cacheState(configFile().get(), weightsFile().get(), onnxPath);
        return s == UnetConverter.CacheState.MISSING || s == UnetConverter.CacheState.STALE;
    }

    /** The ONNX model to load, converting the safetensors first if needed. */
    public Path ensureOnnx(ProgressListener progress, CancelToken cancel) {
        if (needsConversion()) {
            UnetConverter.convert(configFile().get(), weightsFile().get(), onnxPath, false, progress, cancel);
        }
        if (!Files.isRegularFile(onnxPath)) {
            throw new UserFacingException("Model " + displayName + " has no " + ONNX + " and nothing to convert it from.");
        }
        return onnxPath;
    }

    /** The ONNX model if it is ready to load; otherwise a clear message that conversion is needed. */
    public Path onnxOrExplain() {
        if (needsConversion()) {
            throw new UserFacingException("Model " + displayName + " must be converted to ONNX first (repaint-studio convert "
                    + location + ").");
        }
        return ensureOnnx(ProgressListener.NONE, CancelToken.none());
    }

    /** Training resolution (square models: height = width), from config.json or the ONNX input. */
    public OptionalInt resolution() {
        if (unetConfig != null) {
            return OptionalInt.of(unetConfig.sampleSize());
        }
        return onnxInfo().flatMap(i -> i.input("sample").or(() -> i.inputs().stream().findFirst()))
                .filter(in -> in.dims().length == 4 && in.dims()[2] > 0)
                .map(in -> OptionalInt.of((int) in.dims()[2])).orElse(OptionalInt.empty());
    }

    /** Parameter count from the safetensors header, or the ONNX initializers. */
    public OptionalLong parameterCount() {
        Optional<Path> w = weightsFile();
        if (w.isPresent()) {
            try (SafetensorsFile f = SafetensorsFile.open(w.get())) {
                return OptionalLong.of(f.parameterCount());
            } catch (IOException e) {
                return OptionalLong.empty();
            }
        }
        return onnxInfo().map(i -> OptionalLong.of(i.parameterCount())).orElse(OptionalLong.empty());
    }

    private Optional<OnnxModelInfo> onnxInfo() {
        if (!Files.isRegularFile(onnxPath)) {
            return Optional.empty();
        }
        try {
            return Optional.of(OnnxModelInfo.read(onnxPath));
        } catch (UserFacingException e) {
            return Optional.empty();
        }
    }

    /** Bytes on disk: the whole folder, or the file (plus an external-data sidecar) for a bare ONNX model. */
    public long sizeOnDisk() {
        try {
            if (layout == Layout.ONNX_FILE) {
                long n = Files.size(location);
                Path data = location.resolveSibling(location.getFileName() + ".data");
                return Files.isRegularFile(data) ? n + Files.size(data) : n;
            }
            try (Stream<Path> files = Files.walk(location)) {
                return files.filter(Files::isRegularFile).mapToLong(f -> {
                    try {
                        return Files.size(f);
                    } catch (IOException e) {
                        return 0;
                    }
                }).sum();
            }
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    /** The licence from the model card front matter ({@code license: ...}), config.json or source.json. */
    public Optional<String> license() {
        Path root = layout == Layout.ONNX_FILE ? location.getParent() : location;
        for (Path readme : List.of(root.resolve("README.md"), unetDir.resolve("README.md"))) {
            Optional<String> l = licenseFromModelCard(readme);
            if (l.isPresent()) {
                return l;
            }
        }
        for (Path json : List.of(unetDir.resolve(CONFIG), root.resolve(SOURCE_FILE))) {
            JsonNode n = layout == Layout.ONNX_FILE && json.endsWith(CONFIG) ? null : readJsonIfPresent(json);
            if (n != null && n.path("license").isTextual() && !n.path("license").asText().isBlank()) {
                return Optional.of(n.path("license").asText());
            }
        }
        return Optional.empty();
    }

    /**
     * What kind of pictures the model knows (e.g. "natural photos", "emoji"), so a user can see which
     * model fits a picture: {@code domain:} in the model card front matter, else {@code "domain"} in
     * the training sidecar {@code training_state.json}.
     */
    public Optional<String> domain() {
        Path root = layout == Layout.ONNX_FILE ? location.getParent() : location;
        for (Path readme : List.of(root.resolve("README.md"), unetDir.resolve("README.md"))) {
            Optional<String> d = frontMatterValue(readme, "domain");
            if (d.isPresent()) {
                return d;
            }
        }
        JsonNode state = readJsonIfPresent(root.resolve(TRAINING_STATE));
        if (state != null && state.path("domain").isTextual() && !state.path("domain").asText().isBlank()) {
            return Optional.of(state.path("domain").asText().strip());
        }
        return Optional.empty();
    }

    /** Reads {@code license:} from a model card's YAML front matter (between the leading '---' lines). */
    static Optional<String> licenseFromModelCard(Path readme) {
        return frontMatterValue(readme, "license");
    }

    /** Reads {@code key:} from a model card's YAML front matter (between the leading '---' lines). */
    static Optional<String> frontMatterValue(Path readme, String key) {
        if (!Files.isRegularFile(readme)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(readme)) {
            List<String> head = lines.limit(200).toList();
            if (head.isEmpty() || !head.get(0).strip().equals("---")) {
                return Optional.empty();
            }
            for (int i = 1; i < head.size(); i++) {
                String line = head.get(i);
                if (line.strip().equals("---")) {
                    break;
                }
                if (line.startsWith(key + ":")) {
                    String v = line.substring(key.length() + 1).strip().replaceAll("^[\"']|[\"']$", "");
                    return v.isEmpty() ? Optional.empty() : Optional.of(v);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static JsonNode readJson(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UserFacingException(file.getParent() + "/" + org.repaintstudio.core.ErrorTranslator.json(e, file), e);
        } catch (IOException e) {
            throw new UserFacingException("Cannot read " + file + ".", e);
        }
    }

    private static JsonNode readJsonIfPresent(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return displayName + " (" + location + ")";
    }
}
