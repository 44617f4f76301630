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

    private final ObservableValue<Theme> theme;
    private final ListChangeListener<Window> windowsShown = c -> {
        while (c.next()) {
            c.getAddedSubList().forEach(w -> apply(w.getScene(), currentTheme()));
        }
    };
    private final javafx.beans.value.ChangeListener<Theme> themeChanged =
            (o, was, now) -> Window.getWindows().forEach(w -> apply(w.getScene(), now));

    private ThemeApplier(ObservableValue<Theme> theme) {
        this.theme = theme;
    }

    /** Applies {@code theme} to every window now and later, until {@link #uninstall()}. */
    static ThemeApplier install(ObservableValue<Theme> theme) {
        ThemeApplier applier = new ThemeApplier(theme);
        Window.getWindows().addListener(applier.windowsShown);
        theme.addListener(applier.themeChanged);
        Window.getWindows().forEach(w -> apply(w.getScene(), theme.getValue()));
        return applier;
    }

    /** The application stopped: windows opened later (another editor in the same JVM, in tests) are not ours. */
    void uninstall() {
        Window.getWindows().removeListener(windowsShown);
        theme.removeListener(themeChanged);
    }

    private Theme currentTheme() {
        return theme.getValue();
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
