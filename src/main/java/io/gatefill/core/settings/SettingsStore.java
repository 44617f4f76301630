package io.gatefill.core.settings;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gatefill.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads and saves {@link Settings} as {@code settings.json} in a config folder. A missing or
 * unreadable file yields defaults (a broken settings file must never stop the editor from starting);
 * saving is atomic so a crash cannot leave half a file.
 */
public final class SettingsStore {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private String loadProblem;

    public SettingsStore(Path configDir) {
        this.file = configDir.resolve("settings.json");
    }

    public Path file() {
        return file;
    }

    public Settings load() {
        loadProblem = null;
        if (!Files.isRegularFile(file)) {
            return new Settings();
        }
        try {
            Settings settings = JSON.readValue(file.toFile(), Settings.class);
            return settings == null ? new Settings() : settings.sanitized();
        } catch (IOException e) {
            loadProblem = "Settings file " + file + " could not be read (" + e.getMessage() + "); using defaults.";
            return new Settings();
        }
    }

    /** Why the last {@link #load()} fell back to defaults, or null. */
    public String loadProblem() {
        return loadProblem;
    }

    public void save(Settings settings) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] bytes = JSON.writeValueAsBytes(settings);
        AtomicFiles.write(file, true, out -> out.write(bytes));
    }
}
