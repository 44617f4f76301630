package io.gatefill.engine;

import io.gatefill.core.pipeline.InpaintInput;

/**
 * Builds the engines of one inference library. The program is assembled with one implementation
 * ({@code io.gatefill.app.Assembly}); everything else, editor and CLI alike, gets engines from here
 * or from a {@link ModelSession}, so it never names the library's classes.
 */
public interface EngineFactory {
    /**
     * Verifies and loads the generator. Blocks for the load (seconds; on the very first start also the
     * unpacking of native libraries, reported to {@code listener}, which may be null).
     */
    InpaintEngine load(ModelFiles files, EngineOptions options, EngineLoadListener listener) throws ModelLoadException;

    /**
     * Loads the gate view the card names, after checking its checksum. Blocks for seconds.
     *
     * @throws ModelLoadException when the card has no gate layers, or the file is missing, altered or unloadable
     */
    GateView loadGates(ModelFiles files, ModelCard card) throws ModelLoadException;

    /** Times the Translator's conversions alone for {@code runs} runs after two warm-ups (the benchmark). */
    ConversionRuns timeConversion(InpaintInput input, int runs);
}
