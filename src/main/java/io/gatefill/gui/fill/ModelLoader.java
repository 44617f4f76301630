package io.gatefill.gui.fill;

import io.gatefill.engine.EngineLoadListener;
import io.gatefill.engine.ModelCard;
import io.gatefill.engine.ModelLoadException;
import io.gatefill.engine.ModelSession;
import io.gatefill.engine.ModelSessions;

/**
 * How the Fill feature gets the model; an interface so tests can wrap the real engine (e.g. to cancel
 * in the middle of a fill) while still running real inference.
 */
public interface ModelLoader {
    /** Where the model is and that its card and checksum hold, without loading libtorch (cheap). */
    ModelCard check() throws ModelLoadException;

    /** Loads engine and gate view; blocks for seconds (first start: unpacks libtorch). */
    ModelSession load(EngineLoadListener listener) throws ModelLoadException;

    /** The editor's one shared session, which the batch window uses too. */
    static ModelLoader of(ModelSessions sessions) {
        return new ModelLoader() {
            @Override
            public ModelCard check() throws ModelLoadException {
                return sessions.check();
            }

            @Override
            public ModelSession load(EngineLoadListener listener) throws ModelLoadException {
                return sessions.session(listener);
            }
        };
    }
}
