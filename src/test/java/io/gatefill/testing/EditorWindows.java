package io.gatefill.testing;

import io.gatefill.core.settings.ConfigDirs;
import io.gatefill.gui.GatefillApp;
import java.nio.file.Path;
import javafx.stage.Stage;

/** The real editor in a TestFX stage, with a config folder of its own so no test sees another's settings. */
public final class EditorWindows {
    private EditorWindows() {
    }

    public static GatefillApp start(Stage stage, Path config) throws Exception {
        return start(stage, config, new GatefillApp());
    }

    /** Starts {@code app} (a subclass that replaces, say, its dialogs) in {@code stage}. */
    public static GatefillApp start(Stage stage, Path config, GatefillApp app) throws Exception {
        System.setProperty(ConfigDirs.PROPERTY, config.toString());
        app.start(stage);
        return app;
    }

    public static void stop(GatefillApp app) {
        app.stop();
        System.clearProperty(ConfigDirs.PROPERTY);
    }
}
