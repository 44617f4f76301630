package io.gatefill.core.settings;

import java.nio.file.Path;

/**
 * Where the editor keeps its settings and recovery files: the {@code gatefill.config.dir} system
 * property if set (tests point it at a temp folder), else {@code $XDG_CONFIG_HOME/gatefill}, else
 * {@code ~/.config/gatefill}.
 */
public final class ConfigDirs {
    public static final String PROPERTY = "gatefill.config.dir";

    private ConfigDirs() {
    }

    public static Path configDir() {
        String override = System.getProperty(PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "gatefill");
        }
        return Path.of(System.getProperty("user.home"), ".config", "gatefill");
    }

    public static Path recoveryDir() {
        return configDir().resolve("recovery");
    }
}
