package io.gatefill.gui;

import io.gatefill.OfflineGuard;
import io.gatefill.engine.EngineOptions;
import io.gatefill.engine.ModelFiles;
import io.gatefill.engine.djl.DjlInpaintEngine;
import java.nio.file.Path;

/**
 * Run in a child JVM by QuietConsoleTest: applies the editor's console settings (argument "quiet" or
 * "verbose"), then loads a model through DJL as the editor's first Fill does, and exits.
 */
public final class QuietConsoleHarness {
    private QuietConsoleHarness() {
    }

    public static void main(String[] args) throws Exception {
        OfflineGuard.apply();
        ConsoleQuiet.apply("verbose".equals(args[0]));
        try (DjlInpaintEngine engine = DjlInpaintEngine.load(ModelFiles.of(Path.of(args[1])), EngineOptions.defaults(), null)) {
            System.exit(engine == null ? 1 : 0);
        }
    }
}
