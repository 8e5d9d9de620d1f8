package org.repaintstudio.app.prefs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsAndKeepsTenRecentFilesNewestFirst() {
        Path file = dir.resolve("config/settings.json");
        SettingsStore store = SettingsStore.load(file);
        store.get().steps = 123;
        store.get().darkTheme = true;
        for (int i = 0; i < 12; i++) {
            store.addRecent(dir.resolve("p" + i + ".png"));
        }
        store.addRecent(dir.resolve("p5.png"));
        store.save();

        SettingsStore again = SettingsStore.load(file);
        assertThat(again.get().steps).isEqualTo(123);
        assertThat(again.get().darkTheme).isTrue();
        assertThat(again.get().recentFiles).hasSize(SettingsStore.MAX_RECENT);
        assertThat(again.get().recentFiles.get(0)).endsWith("p5.png");
    }

    @Test
    void aDamagedFileGivesDefaults() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{ not json");
        assertThat(SettingsStore.load(file).get().steps).isEqualTo(new Settings().steps);
    }
}
