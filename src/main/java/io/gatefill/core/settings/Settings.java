package io.gatefill.core.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.gatefill.core.io.ImageFiles;
import java.util.ArrayList;
import java.util.List;

/**
 * The editor's persisted preferences, stored as JSON in the config folder; unknown keys are ignored
 * so an older build can read a newer file.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class Settings {
    public static final int MAX_RECENT = 10;

    /** Photos with more pixels are refused before decoding; the default is the command line's limit. */
    public long maxPixels = ImageFiles.DEFAULT_MAX_PIXELS;
    /** Undo memory per document. */
    public long historyBytes = 1L << 30;
    public int historyEdits = 500;
    /** Seconds between autosaves of a changed document to the recovery folder; 0 turns autosave off. */
    public int autosaveSeconds = 60;
    public float jpegQuality = 0.92f;
    /** Most recent first. */
    public List<String> recentFiles = new ArrayList<>();
    public String lastDirectory;

    /** Repairs values a hand-edited file may have broken, so they cannot fail later in the middle of work. */
    public Settings sanitized() {
        if (recentFiles == null) {
            recentFiles = new ArrayList<>();
        }
        recentFiles.removeIf(p -> p == null || p.isBlank());
        if (maxPixels <= 0) {
            maxPixels = ImageFiles.DEFAULT_MAX_PIXELS;
        }
        if (historyBytes <= 0) {
            historyBytes = 1L << 30;
        }
        if (historyEdits <= 0) {
            historyEdits = 500;
        }
        autosaveSeconds = Math.max(0, autosaveSeconds);
        if (!(jpegQuality >= 0 && jpegQuality <= 1)) {
            jpegQuality = 0.92f;
        }
        return this;
    }

    /** Moves {@code path} to the front of the recent files, keeping at most {@link #MAX_RECENT}. */
    public void addRecent(String path) {
        recentFiles.remove(path);
        recentFiles.add(0, path);
        while (recentFiles.size() > MAX_RECENT) {
            recentFiles.remove(recentFiles.size() - 1);
        }
    }
}
