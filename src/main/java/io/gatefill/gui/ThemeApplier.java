package io.gatefill.gui;

import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.stage.Window;

/**
 * Puts the theme's stylesheet on every window the application shows, dialogs and the batch and help
 * windows included: JavaFX dialogs have their own scene and do not inherit the owner's stylesheets.
 */
final class ThemeApplier {
    private static final String PREFIX = ThemeApplier.class.getResource("dark.css").toExternalForm()
            .replace("dark.css", "");

    private ThemeApplier() {
    }

    static void install(ObservableValue<Theme> theme) {
        Window.getWindows().addListener((ListChangeListener<Window>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(w -> apply(w.getScene(), theme.getValue()));
            }
        });
        theme.addListener((o, was, now) -> Window.getWindows().forEach(w -> apply(w.getScene(), now)));
        Window.getWindows().forEach(w -> apply(w.getScene(), theme.getValue()));
    }

    static void apply(Scene scene, Theme theme) {
        if (scene == null) {
            return;
        }
        scene.getStylesheets().removeIf(s -> s.startsWith(PREFIX) && s.endsWith(".css"));
        if (theme.stylesheet() != null) {
            scene.getStylesheets().add(PREFIX + theme.stylesheet());
        }
    }
}
