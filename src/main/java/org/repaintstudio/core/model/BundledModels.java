package org.repaintstudio.core.model;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the models shipped with the application live: a {@code models} folder next to the
 * application (beside the jar, its parent for a development build in {@code target/}, or the
 * jpackage app directory), never relative to the working directory alone.
 */
public final class BundledModels {
    /** The model used when none is chosen. */
    public static final String DEFAULT_MODEL = "emoji-64";

    private BundledModels() {}

    /** Candidate {@code models} folders, most specific first; only existing ones. */
    public static List<Path> folders() {
        List<Path> out = new ArrayList<>();
        String override = System.getProperty("repaint.models.dir");
        if (override != null && !override.isBlank()) {
            out.add(Path.of(override));
        }
        Path code = codeLocation();
        if (code != null) {
            Path dir = Files.isDirectory(code) ? code : code.getParent();
            for (int up = 0; up < 3 && dir != null; up++, dir = dir.getParent()) {
                out.add(dir.resolve("models"));
            }
        }
        out.add(Path.of("models").toAbsolutePath());
        return out.stream().map(Path::normalize).distinct().filter(Files::isDirectory).toList();
    }

    public static Optional<Path> defaultModel() {
        for (Path f : folders()) {
            Path m = f.resolve(DEFAULT_MODEL);
            if (Files.isRegularFile(m.resolve("model.onnx"))) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    private static Path codeLocation() {
        try {
            var src = BundledModels.class.getProtectionDomain().getCodeSource();
            return src == null ? null : Path.of(src.getLocation().toURI());
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return null;
        }
    }
}
