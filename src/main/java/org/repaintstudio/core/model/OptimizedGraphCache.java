package org.repaintstudio.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;

/**
 * ONNX Runtime's optimised graphs, saved so that the next start skips optimisation. An entry is named
 * by the model's location and its key: a hash of the model's bytes, the ONNX Runtime version, the CPU
 * (the NCHWc layout chosen at full optimisation depends on it) and the graph-changing settings. A changed
 * model gets a new key and its old entry is deleted; an entry ONNX Runtime cannot load is deleted and
 * rebuilt. The cache is only an accelerator: any failure in it falls back to optimising the original.
 */
public final class OptimizedGraphCache {
    private static final Logger LOG = Logger.getLogger(OptimizedGraphCache.class.getName());
    private static final String SUFFIX = ".opt.onnx";
    /** Bump when the way entries are made changes. */
    private static final String FORMAT = "1";

    private final Path folder;

    public OptimizedGraphCache(Path folder) {
        this.folder = folder;
    }

    /** The user's cache folder: {@code -Drepaintstudio.cache}, else the platform's usual place. */
    public static OptimizedGraphCache inDefaultFolder() {
        return new OptimizedGraphCache(defaultFolder());
    }

    static Path defaultFolder() {
        String override = System.getProperty("repaintstudio.cache");
        if (override != null && !override.isBlank()) {
            return Path.of(override, "onnx");
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        if (os.contains("win")) {
            String local = System.getenv("LOCALAPPDATA");
            return (local != null ? Path.of(local) : home).resolve("RePaint Studio").resolve("cache").resolve("onnx");
        }
        if (os.contains("mac")) {
            return home.resolve("Library/Caches/RePaint Studio/onnx");
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".cache")).resolve("repaint-studio/onnx");
    }

    public Path folder() {
        return folder;
    }

    /** Opens {@code model} from its cached optimised graph, making the entry first if there is none. */
    OrtSession open(OrtEnvironment env, Path model, OrtSessionTuning tuning) throws OrtException {
        Path entry;
        try {
            entry = entryFor(env, model, tuning);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Optimised-graph cache unusable, optimising from the original: " + e.getMessage());
            return openOriginal(env, model, tuning, null);
        }
        if (Files.isRegularFile(entry)) {
            try (SessionOptions o = tuning.optionsForOptimizedGraph()) {
                return env.createSession(entry.toString(), o);
            } catch (OrtException e) {
                LOG.log(Level.WARNING, "Cached optimised graph " + entry.getFileName()
                        + " could not be loaded; rebuilding it: " + e.getMessage());
                deleteQuietly(entry);
            }
        }
        return openOriginal(env, model, tuning, entry);
    }

    /** Optimises the original model; with an entry path, saves the result there atomically. */
    private OrtSession openOriginal(OrtEnvironment env, Path model, OrtSessionTuning tuning, Path entry)
            throws OrtException {
        Path temp = null;
        try (SessionOptions o = tuning.options(model)) {
            if (entry != null && prepareFolder(entry)) {
                temp = entry.resolveSibling(entry.getFileName() + ".tmp" + ProcessHandle.current().pid());
                o.setOptimizedModelFilePath(temp.toString());
            }
            OrtSession session = env.createSession(model.toString(), o);
            if (temp != null) {
                publish(temp, entry);
            }
            return session;
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
            }
        }
    }

    /** Creates the folder and removes this model's entries made for other contents or settings. */
    private boolean prepareFolder(Path entry) {
        try {
            Files.createDirectories(folder);
            String prefix = prefixOf(entry.getFileName().toString());
            try (DirectoryStream<Path> old = Files.newDirectoryStream(folder, prefix + "*" + SUFFIX)) {
                for (Path p : old) {
                    if (!p.equals(entry)) {
                        deleteQuietly(p);
                    }
                }
            }
            return true;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot write the optimised-graph cache in " + folder + ": " + e.getMessage());
            return false;
        }
    }

    private static void publish(Path temp, Path entry) {
        if (!Files.isRegularFile(temp)) {
            return;
        }
        try {
            try {
                Files.move(temp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, entry, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not keep the optimised graph: " + e.getMessage());
        }
    }

    /** {@code <model name>-<location hash>-<graph settings>-<content key>.opt.onnx} in the cache folder. */
    Path entryFor(OrtEnvironment env, Path model, OrtSessionTuning tuning) throws IOException {
        String name = model.toAbsolutePath().normalize().toString();
        String stem = model.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        String location = sha256Hex(name.getBytes(StandardCharsets.UTF_8)).substring(0, 12);
        String settings = tuning.graphKey().replaceAll("[^A-Za-z0-9]", "");
        String key = contentKey(env, model, tuning);
        return folder.resolve(stem + "-" + location + "-" + settings + "-" + key + SUFFIX);
    }

    private static String prefixOf(String entryName) {
        return entryName.substring(0, entryName.lastIndexOf('-') + 1);
    }

    private static String contentKey(OrtEnvironment env, Path model, OrtSessionTuning tuning) throws IOException {
        MessageDigest d = sha256();
        String header = String.join("\n", FORMAT, env.getVersion(), CpuTopology.identity(), tuning.graphKey(), "");
        d.update(header.getBytes(StandardCharsets.UTF_8));
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(model)) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                d.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(d.digest()).substring(0, 24);
    }

    private static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.log(Level.FINE, "Could not delete " + p, e);
        }
    }
}
