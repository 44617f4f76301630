package io.gatefill.gui.window;

import io.gatefill.gui.GatefillApp;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The real editor, opening the photo named by {@code -Dharness.photo} at start; run in a child JVM by
 * the real-window tests (a separate Main class, so the java launcher needs no JavaFX module path).
 */
public final class OpenPhotoHarness extends GatefillApp {
    /** Entry point. */
    public static final class Main {
        private Main() {
        }

        public static void main(String[] args) {
            Application.launch(OpenPhotoHarness.class, args);
        }
    }

    @Override
    public void start(Stage stage) {
        super.start(stage);
        viewModel().files().open(Path.of(System.getProperty("harness.photo")));
    }
}
