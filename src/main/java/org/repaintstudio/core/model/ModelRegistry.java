package org.repaintstudio.core.model;

import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.io.AtomicFiles;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds models in three places: the {@code models/} folder shipped next to the application, the
 * user's model folder (where Hub pulls go), and folders the user imported (remembered in a small
 * list file in the user's data folder). Scanning reads only small files and headers.
 */
public final class ModelRegistry {
    /** System property / environment variable overriding the user data folder. */
    public static final String DATA_DIR_PROPERTY = "repaint.dataDir";
    public static final String DATA_DIR_ENV = "REPAINT_STUDIO_DATA";
    /** System property / environment variable overriding the user model folder. */
    public static final String MODELS_DIR_PROPERTY = "repaint.modelsDir";
    public static final String MODELS_DIR_ENV = "REPAINT_STUDIO_MODELS";
    /** System property overriding the bundled model folder. */
    public static final String BUNDLED_DIR_PROPERTY = "repaint.bundledModelsDir";
    static final String IMPORTS_FILE = "imported-models.txt";

    /** Where a model was found. */
    public enum Source { BUNDLED, USER, IMPORTED }

    /** One listed model: what a models table shows. Optional facts are empty when unknown. */
    public record Entry(ModelFolder model, Source source) {
        public String name() {
            return model.displayName();
        }

        public Path location() {
            return model.location();
        }

        public OptionalInt resolution() {
            return model.resolution();
        }

        public OptionalLong parameterCount() {
            return model.parameterCount();
        }

        public long sizeOnDisk() {
            return model.sizeOnDisk();
        }

        /** What kind of pictures it knows (e.g. "natural photos"), or "unknown". */
        public String domain() {
            return model.domain().orElse("unknown");
        }

        /** The licence, or "unknown". */
        public String license() {
            return model.license().orElse("unknown");
        }
    }

    /** A folder that looked like a model but could not be opened, with the reason. */
    public record Problem(Path location, Source source, String message) {
        /** An interrupted Hub download that "models pull" resumes, not a broken model: no warning. */
        public boolean isUnfinishedDownload() {
            return UNFINISHED_DOWNLOAD.equals(message);
        }
    }

    /** The message of a folder that holds only a resumable partial download. */
    public static final String UNFINISHED_DOWNLOAD = "an unfinished download; pulling the model again resumes it.";

    /** Result of a scan. */
    public record Listing(List<Entry> models, List<Problem> problems) { }

    private final Path bundledDir;
    private final Path userModelsDir;
    private final Path dataDir;

    public ModelRegistry(Path bundledDir, Path userModelsDir, Path dataDir) {
        this.bundledDir = bundledDir;
        this.userModelsDir = userModelsDir;
        this.dataDir = dataDir;
    }

    /** The registry with the platform's standard folders (and the documented overrides). */
    public static ModelRegistry standard() {
        Path data = userDataDir();
        return new ModelRegistry(bundledModelsDir(), userModelsDir(data), data);
    }

    public Path bundledDir() {
        return bundledDir;
    }

    public Path userModelsDir() {
        return userModelsDir;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Scans all three places. Broken folders are reported as problems, not thrown. */
    public Listing list() {
        List<Entry> models = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Set<Path> seen = new LinkedHashSet<>();
        scanDir(bundledDir, Source.BUNDLED, models, problems, seen);
        scanDir(userModelsDir, Source.USER, models, problems, seen);
        for (Path p : importedPaths()) {
            addModel(p, Source.IMPORTED, models, problems, seen);
        }
        return new Listing(List.copyOf(models), List.copyOf(problems));
    }

    /** Finds a listed model by display name or folder name (case-insensitive). */
    public Optional<Entry> find(String name) {
        return list().models().stream().filter(e -> e.name().equalsIgnoreCase(name)
                || (e.location().getFileName() != null && e.location().getFileName().toString().equalsIgnoreCase(name)))
                .findFirst();
    }

    /** Remembers a model folder (or .onnx file) so it is listed from now on. */
    public Entry importModel(Path path) {
        ModelFolder model = ModelFolder.open(path);
        List<Path> imports = new ArrayList<>(importedPaths());
        if (!imports.contains(model.location())) {
            imports.add(model.location());
            writeImports(imports);
        }
        return new Entry(model, Source.IMPORTED);
    }

    /** Forgets an imported model (its files are not touched). Returns whether it was in the list. */
    public boolean forgetImport(Path path) {
        Path p = path.toAbsolutePath().normalize();
        List<Path> imports = new ArrayList<>(importedPaths());
        boolean removed = imports.remove(p);
        if (removed) {
            writeImports(imports);
        }
        return removed;
    }

    /** Imported locations, in import order. */
    public List<Path> importedPaths() {
        Path file = dataDir.resolve(IMPORTS_FILE);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            List<Path> out = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String s = line.strip();
                if (!s.isEmpty() && !s.startsWith("#")) {
                    out.add(Paths.get(s).toAbsolutePath().normalize());
                }
            }
            return out;
        } catch (IOException e) {
            throw new UserFacingException("Cannot read the list of imported models " + file + ": " + e.getMessage(), e);
        }
    }

    private void writeImports(List<Path> imports) {
        StringBuilder sb = new StringBuilder("# Model folders imported into RePaint Studio, one per line.\n");
        imports.forEach(p -> sb.append(p).append('\n'));
        AtomicFiles.write(dataDir.resolve(IMPORTS_FILE), true, out -> out.write(sb.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** Folder order, with the default model first so that pickers offer it first. */
    private static final Comparator<Path> DEFAULT_FIRST = Comparator
            .comparing((Path p) -> !ModelRegistry.DEFAULT_MODEL.equals(String.valueOf(p.getFileName())))
            .thenComparing(Comparator.naturalOrder());

    private static void scanDir(Path dir, Source source, List<Entry> models, List<Problem> problems, Set<Path> seen) {
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.sorted(DEFAULT_FIRST).toList()) {
                String name = child.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                boolean onnxFile = Files.isRegularFile(child) && name.toLowerCase(Locale.ROOT).endsWith(".onnx");
                if (Files.isDirectory(child) && ModelFolder.isInterruptedDownload(child)) {
                    // Only resumable .part files: not a broken model; front ends offer to resume it.
                    problems.add(new Problem(child.toAbsolutePath().normalize(), source, UNFINISHED_DOWNLOAD));
                    continue;
                }
                if (Files.isDirectory(child) || onnxFile) {
                    addModel(child, source, models, problems, seen);
                }
            }
        } catch (IOException e) {
            problems.add(new Problem(dir, source, "Cannot list " + dir + ": " + e.getMessage()));
        }
    }

    private static void addModel(Path path, Source source, List<Entry> models, List<Problem> problems, Set<Path> seen) {
        Path p = path.toAbsolutePath().normalize();
        if (!seen.add(p)) {
            return;
        }
        try {
            models.add(new Entry(ModelFolder.open(p), source));
        } catch (UserFacingException e) {
            problems.add(new Problem(p, source, org.repaintstudio.core.ErrorTranslator.sentence(e)));
        }
    }

    /** The user's data folder: platform default, or {@value #DATA_DIR_PROPERTY} / {@value #DATA_DIR_ENV}. */
    public static Path userDataDir() {
        return userDataDir(System.getProperties().getProperty(DATA_DIR_PROPERTY), System.getenv(),
                System.getProperty("os.name", ""), Paths.get(System.getProperty("user.home", ".")));
    }

    static Path userDataDir(String property, Map<String, String> env, String osName, Path home) {
        if (property != null && !property.isBlank()) {
            return Paths.get(property);
        }
        String override = env.get(DATA_DIR_ENV);
        if (override != null && !override.isBlank()) {
            return Paths.get(override);
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            Path base = appData != null && !appData.isBlank() ? Paths.get(appData) : home.resolve("AppData").resolve("Roaming");
            return base.resolve("RePaint Studio");
        }
        if (os.startsWith("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve("RePaint Studio");
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() && Paths.get(xdg).isAbsolute() ? Paths.get(xdg)
                : home.resolve(".local").resolve("share");
        return base.resolve("repaint-studio");
    }

    /** The user's model folder: {@code <data>/models}, or {@value #MODELS_DIR_PROPERTY} / {@value #MODELS_DIR_ENV}. */
    public static Path userModelsDir(Path dataDir) {
        String prop = System.getProperty(MODELS_DIR_PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return Paths.get(prop);
        }
        String env = System.getenv(MODELS_DIR_ENV);
        if (env != null && !env.isBlank()) {
            return Paths.get(env);
        }
        return dataDir.resolve("models");
    }

    /**
     * The bundled model used when the user has not chosen one: the natural-image model, since
     * people bring photos. The emoji model stays bundled and selectable.
     */
    public static final String DEFAULT_MODEL = "photo-64";

    /** The bundled default model's folder, if it is installed. */
    public static Optional<Path> defaultModel() {
        Path m = bundledModelsDir().resolve(DEFAULT_MODEL);
        return Files.isDirectory(m) ? Optional.of(m) : Optional.empty();
    }

    /** The given model, or the bundled default; a clear error when neither exists. */
    public static Path modelOrDefault(Path given) {
        if (given != null) {
            return given;
        }
        return defaultModel().orElseThrow(() -> new UserFacingException("No model was given and the bundled model '"
                + DEFAULT_MODEL + "' is not installed in " + bundledModelsDir() + "."));
    }

    /**
     * The {@code models/} folder shipped with the application: next to the jar (or one level up, as
     * in an installed app image), found from this class's code source; {@code ./models} as a fallback.
     */
    public static Path bundledModelsDir() {
        String prop = System.getProperty(BUNDLED_DIR_PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return Paths.get(prop);
        }
        Path codeDir = codeLocationDir();
        if (codeDir != null) {
            for (Path candidate : List.of(codeDir.resolve("models"), codeDir.resolveSibling("models"))) {
                if (Files.isDirectory(candidate)) {
                    return candidate;
                }
            }
        }
        return Paths.get("models").toAbsolutePath();
    }

    /** Folder of the jar (or classes folder) this class was loaded from, or null if unknown. */
    static Path codeLocationDir() {
        try {
            CodeSource cs = ModelRegistry.class.getProtectionDomain().getCodeSource();
            if (cs == null || cs.getLocation() == null) {
                return null;
            }
            Path p = Paths.get(cs.getLocation().toURI()).toAbsolutePath();
            return Files.isRegularFile(p) ? p.getParent() : p;
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return null;
        }
    }
}
