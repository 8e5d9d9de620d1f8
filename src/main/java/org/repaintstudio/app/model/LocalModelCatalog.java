package org.repaintstudio.app.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.repaintstudio.core.UserFacingException;

/**
 * Lists the model folders inside the bundled {@code models/} folders plus the folders and ONNX
 * files the user added. Reads only {@code config.json} and file sizes.
 */
public final class LocalModelCatalog implements ModelCatalog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<List<Path>> bundledFolders;
    private final List<String> added;
    private final Runnable onAddedChanged;

    /**
     * @param bundledFolders  folders holding one model folder each (e.g. BundledModels::folders)
     * @param added           the user's added paths; this catalog appends to it
     * @param onAddedChanged  called after {@code added} changed (to persist it)
     */
    public LocalModelCatalog(Supplier<List<Path>> bundledFolders, List<String> added, Runnable onAddedChanged) {
        this.bundledFolders = bundledFolders;
        this.added = added;
        this.onAddedChanged = onAddedChanged;
    }

    @Override
    public List<ModelChoice> list() {
        List<ModelChoice> out = new ArrayList<>();
        Set<Path> seen = new LinkedHashSet<>();
        for (Path folder : bundledFolders.get()) {
            try (Stream<Path> children = Files.list(folder)) {
                for (Path child : children.sorted().toList()) {
                    if (modelFile(child) != null && seen.add(child.toAbsolutePath().normalize())) {
                        out.add(describe(child, "bundled"));
                    }
                }
            } catch (IOException e) {
                // An unreadable models folder lists nothing; the others still count.
            }
        }
        for (String p : List.copyOf(added)) {
            Path path = Path.of(p);
            if (modelFile(path) != null && seen.add(path.toAbsolutePath().normalize())) {
                out.add(describe(path, "added"));
            }
        }
        return out;
    }

    @Override
    public ModelChoice add(Path folderOrOnnx) {
        if (!Files.exists(folderOrOnnx)) {
            throw new UserFacingException(folderOrOnnx + " does not exist.");
        }
        if (modelFile(folderOrOnnx) == null) {
            throw new UserFacingException(folderOrOnnx.getFileName() + " is not a model: choose a folder with a "
                    + "model.onnx (or unet/model.onnx) or an .onnx file.");
        }
        String key = folderOrOnnx.toAbsolutePath().normalize().toString();
        if (!added.contains(key)) {
            added.add(key);
            onAddedChanged.run();
        }
        return describe(folderOrOnnx.toAbsolutePath().normalize(), "added");
    }

    /** The ONNX file of a model folder or file, or null. */
    static Path modelFile(Path p) {
        if (Files.isDirectory(p)) {
            for (Path candidate : List.of(p.resolve("model.onnx"), p.resolve("unet/model.onnx"))) {
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
            return null;
        }
        return Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx") ? p : null;
    }

    static ModelChoice describe(Path location, String origin) {
        Path onnx = modelFile(location);
        Path dir = onnx.getParent();
        int resolution = 0;
        Path config = dir.resolve("config.json");
        if (Files.isRegularFile(config)) {
            try {
                JsonNode n = JSON.readTree(config.toFile());
                resolution = n.path("sample_size").asInt(0);
            } catch (IOException e) {
                // Unknown until opened; LoadedModel reports a broken config clearly.
            }
        }
        long size = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String n = f.getFileName().toString();
                if (Files.isRegularFile(f) && (f.equals(onnx) || n.endsWith(".onnx_data") || n.endsWith(".data"))) {
                    size += Files.size(f);
                }
            }
        } catch (IOException e) {
            size = 0;
        }
        String name = Files.isDirectory(location) ? location.toAbsolutePath().normalize().getFileName().toString()
                : location.getFileName().toString().replaceFirst("(?i)\\.onnx$", "");
        if ("unet".equals(name) && location.getParent() != null) {
            name = location.getParent().getFileName().toString();
        }
        return new ModelChoice(name, location, resolution, size, origin);
    }
}
