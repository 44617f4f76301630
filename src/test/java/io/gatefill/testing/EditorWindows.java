package io.gatefill.testing;

import io.gatefill.engine.ModelLocator;
import io.gatefill.core.settings.ConfigDirs;
import io.gatefill.gui.CanvasView;
import io.gatefill.gui.GatefillApp;
import io.gatefill.gui.Viewport;
import java.nio.file.Path;
import javafx.geometry.Point2D;
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

    /**
     * The editor as users get it, with the shipped model found where the app looks for it (no model
     * property, ModelFiles.locateDefault); fails first, clearly, if models/ lacks it or its card does not match.
     */
    public static GatefillApp startWithShippedModel(Stage stage, Path config) throws Exception {
        // No model property: the app finds the shipped model as it does for users.
        System.clearProperty(ModelLocator.PROPERTY);
        ShippedModel.files();
        return start(stage, config);
    }

    /** Where image point (x, y) of the open photo is on the screen now. */
    public static Point2D screenOf(GatefillApp app, double x, double y) {
        CanvasView canvas = app.view().canvas();
        Viewport v = canvas.viewport();
        return canvas.localToScreen(v.toScreenX(x), v.toScreenY(y));
    }

    public static void stop(GatefillApp app) {
        app.stop();
        System.clearProperty(ConfigDirs.PROPERTY);
    }
}
