package io.gatefill.testing;

import io.gatefill.gui.GatefillApp;
import java.nio.file.Files;
import java.nio.file.Path;
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
                app = EditorWindows.start(stage, config);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @AfterEach
    void stopEditor() {
        EditorWindows.stop(app);
    }
}
