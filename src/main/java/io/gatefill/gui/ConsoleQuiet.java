package io.gatefill.gui;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the console quiet on a normal editor start: JavaFX's "Unsupported JavaFX configuration:
 * classes were loaded from 'unnamed module'" (Gatefill runs from the classpath on purpose, see
 * {@link io.gatefill.Main}), DJL's engine and repository messages and its CUDA probing ("driver
 * version is insufficient" on a machine without a GPU). None of them tells a user anything; the
 * editor's status bar reports the model and device. {@code --verbose} leaves everything as it was.
 */
final class ConsoleQuiet {
    /** Held: java.util.logging keeps loggers weakly, and a collected logger forgets its level. */
    private static Logger javafx;

    private ConsoleQuiet() {
    }

    static void apply(boolean verbose) {
        if (verbose) {
            return;
        }
        javafx = Logger.getLogger("javafx");
        javafx.setLevel(Level.SEVERE);
        // slf4j-simple reads these when its first logger is made, which is after this (DJL loads later).
        setIfAbsent("org.slf4j.simpleLogger.log.ai.djl", "error");
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "error");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
