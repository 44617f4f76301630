package io.gatefill.testing;

import io.gatefill.engine.EngineOptions;
import io.gatefill.engine.ModelCard;
import io.gatefill.engine.ModelFiles;
import io.gatefill.engine.ModelLoadException;
import io.gatefill.engine.djl.DjlInpaintEngine;
import java.nio.file.Path;

/**
 * The trained default model the editor ships ({@code models/gatefill.pt}, its gate module and card),
 * found the way the application finds it ({@link ModelFiles#locateDefault()}); the editor's fill tests
 * run on it. The weights are replaced as training goes on, so nothing here pins them: name and checksum
 * come from the card, which must match the file. A missing or mismatching model fails the test (never
 * skips it). One engine is loaded per JVM, as in {@link Fixture}.
 */
public final class ShippedModel {
    private static ModelFiles files;
    private static ModelCard card;
    private static DjlInpaintEngine engine;

    private ShippedModel() {
    }

    /** The located model and card, verified once per JVM (card parses, contract supported, SHA-256 matches). */
    public static synchronized ModelFiles files() {
        if (files == null) {
            ModelFiles located;
            try {
                located = ModelFiles.locateDefault();
            } catch (ModelLoadException e) {
                throw new AssertionError("The shipped model is missing; the editor's fill tests need "
                        + "models/" + ModelFiles.DEFAULT_NAME + ".pt and its card. " + e.getMessage(), e);
            }
            String expected = ModelFiles.DEFAULT_NAME + ".pt";
            if (!located.model().getFileName().toString().equals(expected)) {
                throw new AssertionError("The default model lookup found " + located.model() + ", not the shipped "
                        + expected + " (is models/" + expected + " missing?)");
            }
            try {
                card = located.verify();
            } catch (ModelLoadException e) {
                throw new AssertionError("The shipped model does not pass the editor's checks: " + e.getMessage(), e);
            }
            files = located;
        }
        return files;
    }

    public static Path model() {
        return files().model();
    }

    public static synchronized ModelCard card() {
        files();
        return card;
    }

    /** The model's name as its card gives it, which the editor's status bar shows. */
    public static String name() {
        return card().name();
    }

    public static synchronized DjlInpaintEngine engine() throws ModelLoadException {
        if (engine == null) {
            engine = DjlInpaintEngine.load(files(), EngineOptions.defaults().withThreads(2), null);
        }
        return engine;
    }
}
