package io.gatefill.gui;

import io.gatefill.core.settings.Settings;
import io.gatefill.core.settings.SettingsStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** What the editor remembers between runs: recent files, the last folder, and writing the settings file. */
public final class RecentFilesViewModel {
    private final Settings settings;
    private final SettingsStore settingsStore;
    private final StatusSource status;
    private final ObservableList<String> recentFiles = FXCollections.observableArrayList();

    RecentFilesViewModel(Settings settings, SettingsStore settingsStore, StatusSource status) {
        this.settings = settings;
        this.settingsStore = settingsStore;
        this.status = status;
        recentFiles.setAll(settings.recentFiles);
    }

    /** File ▸ Open Recent, newest first. */
    public ObservableList<String> recentFiles() {
        return recentFiles;
    }

    /** Puts {@code path} first in the recent files, makes its folder the next dialogs' start, saves settings. */
    public void remember(Path path) {
        settings.addRecent(path.toAbsolutePath().toString());
        Path parent = path.toAbsolutePath().getParent();
        settings.lastDirectory = parent == null ? null : parent.toString();
        recentFiles.setAll(settings.recentFiles);
        saveSettingsQuietly();
    }

    /** Saves settings; a failure only shows in the status bar (preferences are not worth an alert). */
    public void saveSettingsQuietly() {
        if (settingsStore == null) {
            return;
        }
        try {
            settingsStore.save(settings);
        } catch (IOException e) {
            status.say("Settings not saved: " + e.getMessage());
        }
    }

    /** Where file dialogs start: the last folder used, while it exists. */
    public Path lastDirectory() {
        if (settings.lastDirectory == null) {
            return null;
        }
        Path dir = Path.of(settings.lastDirectory);
        return Files.isDirectory(dir) ? dir : null;
    }
}
