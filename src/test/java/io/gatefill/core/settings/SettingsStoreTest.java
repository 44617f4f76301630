package io.gatefill.core.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings persistence, recent-files order and the config folder override. */
class SettingsStoreTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsEveryField() throws Exception {
        SettingsStore store = new SettingsStore(dir);
        Settings s = new Settings();
        s.maxPixels = 1234;
        s.historyBytes = 5678;
        s.autosaveSeconds = 7;
        s.jpegQuality = 0.5f;
        s.addRecent("/a.png");
        store.save(s);
        Settings back = store.load();
        assertThat(back.maxPixels).isEqualTo(1234);
        assertThat(back.historyBytes).isEqualTo(5678);
        assertThat(back.autosaveSeconds).isEqualTo(7);
        assertThat(back.jpegQuality).isEqualTo(0.5f);
        assertThat(back.recentFiles).containsExactly("/a.png");
    }

    @Test
    void recentFilesAreMostRecentFirstWithoutDuplicatesAndBounded() {
        Settings s = new Settings();
        for (int i = 0; i < 15; i++) {
            s.addRecent("/f" + i);
        }
        s.addRecent("/f10");
        assertThat(s.recentFiles).hasSize(Settings.MAX_RECENT).startsWith("/f10", "/f14", "/f13");
    }

    @Test
    void missingOrBrokenFileGivesDefaults() throws Exception {
        SettingsStore store = new SettingsStore(dir);
        assertThat(store.load().maxPixels).isEqualTo(100_000_000L);
        Files.writeString(store.file(), "{ not json");
        Settings s = store.load();
        assertThat(s.maxPixels).isEqualTo(100_000_000L);
        assertThat(store.loadProblem()).contains("settings.json");
    }

    @Test
    void nonsenseValuesAreRepairedOnLoad() throws Exception {
        SettingsStore store = new SettingsStore(dir);
        Files.writeString(store.file(), "{\"recentFiles\": null, \"jpegQuality\": 7, \"historyBytes\": -1, \"autosaveSeconds\": -5}");
        Settings s = store.load();
        assertThat(s.recentFiles).isEmpty();
        assertThat(s.jpegQuality).isBetween(0f, 1f);
        assertThat(s.historyBytes).isPositive();
        assertThat(s.autosaveSeconds).isZero();
    }

    @Test
    void configDirIsOverriddenByTheSystemProperty() {
        String old = System.getProperty(ConfigDirs.PROPERTY);
        try {
            System.setProperty(ConfigDirs.PROPERTY, dir.toString());
            assertThat(ConfigDirs.configDir()).isEqualTo(dir);
            assertThat(ConfigDirs.recoveryDir()).isEqualTo(dir.resolve("recovery"));
        } finally {
            if (old == null) {
                System.clearProperty(ConfigDirs.PROPERTY);
            } else {
                System.setProperty(ConfigDirs.PROPERTY, old);
            }
        }
    }
}
