package io.gatefill.gui.batch;

import io.gatefill.engine.ModelFiles;
import io.gatefill.engine.ModelLoadException;
import io.gatefill.engine.ModelLocator;
import io.gatefill.engine.ModelSession;

/**
 * Supplies the model session for one batch run: the editor's shared one, which the run borrows and
 * never closes (the editor closes it on exit), so Fill and the batch window load one model between them.
 */
@FunctionalInterface
public interface EngineSource {
    /** Called on the batch's background thread: the first load of the model takes seconds. */
    ModelSession open() throws ModelLoadException;

    /**
     * The files of the model {@link #open()} loads or would load, found without loading it, so a run
     * never writes over them even when its engine leaves them unread; null when there is none.
     */
    default ModelFiles files() {
        return ModelLocator.locateIfAny(null);
    }
}
