package io.gatefill.gui;

import javafx.application.Application;

/** Starts the JavaFX editor; kept apart from {@link io.gatefill.Main} so the CLI never loads JavaFX. */
public final class EditorLauncher {
    private EditorLauncher() {
    }

    public static void launch(String[] args) {
        Application.launch(GatefillApp.class, args);
    }
}
