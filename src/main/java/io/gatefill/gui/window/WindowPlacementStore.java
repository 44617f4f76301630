package io.gatefill.gui.window;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * Remembers each window's placement by name, and the other view preferences (the theme), in
 * {@code windows.properties} of the config folder. Kept apart from the editor's settings file: it is
 * written on every close and is worthless if lost, so an unreadable file simply means defaults.
 */
public final class WindowPlacementStore {
    private final Path file;
    private final Properties values = new Properties();

    public WindowPlacementStore(Path configDir) {
        this.file = configDir.resolve("windows.properties");
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                values.load(in);
            } catch (IOException | IllegalArgumentException e) {
                values.clear();
            }
        }
    }

    public Optional<WindowPlacement> get(String window) {
        try {
            String[] parts = values.getProperty(window, "").split(",");
            if (parts.length != 5) {
                return Optional.empty();
            }
            return Optional.of(new WindowPlacement(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]),
                    Double.parseDouble(parts[2]), Double.parseDouble(parts[3]), Boolean.parseBoolean(parts[4])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Records and writes at once; a failed write loses only this placement. */
    public void put(String window, WindowPlacement p) {
        putValue(window, p.x() + "," + p.y() + "," + p.width() + "," + p.height() + "," + p.maximized());
    }

    /** A plain view preference, or null. */
    public String value(String key) {
        return values.getProperty(key);
    }

    public void putValue(String key, String value) {
        values.setProperty(key, value);
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(temp)) {
                values.store(out, "Gatefill window placement: x,y,width,height,maximized");
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // placement is a convenience: the next start uses the default size
        }
    }
}
