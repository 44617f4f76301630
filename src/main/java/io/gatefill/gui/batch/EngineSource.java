package io.gatefill.gui.batch;

import io.gatefill.engine.InpaintEngine;
import io.gatefill.engine.ModelLoadException;

/**
 * Supplies the engine for one batch run; the run closes it when done, so the application loads a
 * fresh one (the model stays out of memory between batches) and tests hand in a non-closing wrapper.
 */
@FunctionalInterface
public interface EngineSource {
    /** Called on the batch's background thread: loading a model takes seconds. */
    InpaintEngine open() throws ModelLoadException;
}
