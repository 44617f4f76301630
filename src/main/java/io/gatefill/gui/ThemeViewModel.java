package io.gatefill.gui;

import io.gatefill.gui.window.WindowPlacementStore;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** The chosen theme, remembered in the view preferences; the view applies it to every window. */
public final class ThemeViewModel {
    private static final String KEY = "theme";
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>();

    public ThemeViewModel(WindowPlacementStore store) {
        theme.set(Theme.parse(store.value(KEY)));
        theme.addListener((o, was, now) -> store.putValue(KEY, now.name()));
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }
}
