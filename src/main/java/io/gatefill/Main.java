package io.gatefill;

import io.gatefill.cli.GatefillCli;

/**
 * Process entry point: no arguments (or only {@code --verbose}) opens the editor, anything else is a
 * command-line command.
 *
 * <p>This class deliberately does not extend {@code javafx.application.Application}: JavaFX then
 * runs from a plain classpath without module-path flags, and headless commands never start the
 * JavaFX toolkit at all.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        OfflineGuard.apply();
        if (io.gatefill.gui.EditorLauncher.isEditorCall(args)) {
            io.gatefill.gui.EditorLauncher.launch(args);
            return;
        }
        System.exit(GatefillCli.run(args));
    }
}
