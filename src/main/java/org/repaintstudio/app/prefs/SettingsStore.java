package org.repaintstudio.app.prefs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.repaintstudio.app.util.AppLog;
import org.repaintstudio.core.io.AtomicFiles;

/** Loads and saves {@link Settings} as a small JSON file in the user's config folder. */
public final class SettingsStore {
    public static final int MAX_RECENT = 10;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            // Settings written by another version keep what this one understands.
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path file;
    private final Settings settings;

    private SettingsStore(Path file, Settings settings) {
        this.file = file;
        this.settings = settings;
    }

    /** Reads the file; a missing or damaged file gives the defaults (and a log line). */
    public static SettingsStore load(Path file) {
        Settings s = new Settings();
        if (Files.isRegularFile(file)) {
            try {
                s = JSON.readValue(file.toFile(), Settings.class);
            } catch (IOException e) {
                AppLog.error("settings file " + file + " is damaged; using defaults", e);
            }
        }
        return new SettingsStore(file, s);
    }

    public Settings get() {
        return settings;
    }

    public Path file() {
        return file;
    }

    /** Writes atomically; failures are logged, never shown: settings are a convenience. */
    public void save() {
        try {
            byte[] bytes = JSON.writeValueAsBytes(settings);
            AtomicFiles.writePrivate(file, true, out -> out.write(bytes));
        } catch (IOException | RuntimeException e) {
            AppLog.error("cannot save settings to " + file, e);
        }
    }

    public void addRecent(Path path) {
        String p = path.toAbsolutePath().normalize().toString();
        settings.recentFiles.remove(p);
        settings.recentFiles.add(0, p);
        while (settings.recentFiles.size() > MAX_RECENT) {
            settings.recentFiles.remove(settings.recentFiles.size() - 1);
        }
    }

    public void removeRecent(Path path) {
        settings.recentFiles.remove(path.toAbsolutePath().normalize().toString());
    }
}
