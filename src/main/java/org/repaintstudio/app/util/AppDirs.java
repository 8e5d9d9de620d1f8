package org.repaintstudio.app.util;

import java.nio.file.Path;
import java.util.Locale;

import org.repaintstudio.core.model.ModelRegistry;

/**
 * The platform's folders for the app's settings and data (logs, autosave). The data folder is the
 * engine's ({@link ModelRegistry#userDataDir()}, which also holds the user's models). Overridable
 * with the system properties {@code repaint.configDir} and {@code repaint.dataDir} (tests, portable use).
 */
public record AppDirs(Path config, Path data) {
    public static final String APP_FOLDER = "repaint-studio";

    public static AppDirs standard() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home", "."));
        Path config;
        if (os.contains("win")) {
            String appData = System.getenv("APPDATA");
            config = (appData != null ? Path.of(appData) : home.resolve("AppData/Roaming")).resolve("RePaint Studio");
        } else if (os.contains("mac")) {
            config = home.resolve("Library/Application Support/RePaint Studio");
        } else {
            config = xdg("XDG_CONFIG_HOME", home.resolve(".config")).resolve(APP_FOLDER);
        }
        String configOverride = System.getProperty("repaint.configDir");
        return new AppDirs(configOverride != null ? Path.of(configOverride) : config, ModelRegistry.userDataDir());
    }

    private static Path xdg(String variable, Path fallback) {
        String v = System.getenv(variable);
        return v != null && !v.isBlank() ? Path.of(v) : fallback;
    }

    /** Everything under one folder; for tests. */
    public static AppDirs under(Path root) {
        return new AppDirs(root.resolve("config"), root.resolve("data"));
    }

    public Path logs() {
        return data.resolve("logs");
    }

    public Path autosave() {
        return data.resolve("autosave");
    }

    public Path settingsFile() {
        return config.resolve("settings.json");
    }
}
