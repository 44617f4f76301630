package io.gatefill.testing;

import io.gatefill.gui.GatefillApp;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.geometry.Point2D;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.api.FxToolkit;

/**
 * A TestFX test of the real editor window: each test gets a fresh editor ({@link #app}) with a config
 * folder of its own under the class's temporary folder {@link #dir}, stopped after the test.
 */
@ExtendWith(ApplicationExtension.class)
public abstract class EditorWindowCase {
    @TempDir
    protected static Path dir;

    protected GatefillApp app;

    /** In TestFX's primary stage (its extension registers it first); TestFX finds no {@code @Start} in a superclass. */
    @BeforeEach
    void startEditor() throws Exception {
        Path config = Files.createTempDirectory(dir, "cfg");
        FxToolkit.setupStage(stage -> {
            try {
                app = launch(stage, config);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** How the editor starts; a test that needs another one (the shipped model, other dialogs) overrides it. */
    protected GatefillApp launch(Stage stage, Path config) throws Exception {
        return EditorWindows.start(stage, config);
    }

    /** Where image point (x, y) of the open photo is on the screen now. */
    protected Point2D screenOf(double x, double y) {
        return EditorWindows.screenOf(app, x, y);
    }

    @AfterEach
    void stopEditor() {
        EditorWindows.stop(app);
    }
}
