package io.gatefill.gui;

import javafx.application.Application;

/** Starts the JavaFX editor; kept apart from {@link io.gatefill.Main} so the CLI never loads JavaFX. */
public final class EditorLauncher {
    /** The one argument the editor takes: show JavaFX's and DJL's console messages again. */
    public static final String VERBOSE = "--verbose";

    private EditorLauncher() {
    }

    /** Whether {@code args} start the editor rather than a command: none, or only {@link #VERBOSE}. */
    public static boolean isEditorCall(String[] args) {
        return args.length == 0 || (args.length == 1 && VERBOSE.equals(args[0]));
    }

    public static void launch(String[] args) {
        ConsoleQuiet.apply(args.length == 1 && VERBOSE.equals(args[0]));
        Application.launch(GatefillApp.class);
    }
}
