package io.gatefill.engine;

import java.nio.file.Path;

/**
 * The one model session of a running editor, loaded on first use and shared by Fill and the batch
 * window, so a batch neither loads a second copy nor finds another model than Fill does. Thread-safe:
 * the first caller loads (seconds), later callers get the same session.
 */
public final class ModelSessions implements AutoCloseable {
    private final EngineFactory factory;
    private final Path explicit;
    private final EngineOptions options;
    private ModelSession session;
    private boolean closed;

    /** @param explicit the model named on the command line, or null for {@link ModelLocator}'s rule */
    public ModelSessions(EngineFactory factory, Path explicit, EngineOptions options) {
        this.factory = factory;
        this.explicit = explicit;
        this.options = options;
    }

    /**
     * The files of the model in use (loaded, or the one the first use will load), found without loading
     * it; null when there is none. What the editor's saves and batch runs must never write over.
     */
    public ModelFiles files() {
        return ModelLocator.locateIfAny(explicit);
    }

    /** Where the model is and that its card and checksum hold, without loading native code (cheap). */
    public ModelCard check() throws ModelLoadException {
        return ModelLocator.locate(explicit).verify();
    }

    /** The shared session, loading it on the first call; {@code listener} hears that load's phases only. */
    public synchronized ModelSession session(EngineLoadListener listener) throws ModelLoadException {
        if (closed) {
            throw new IllegalStateException("the model sessions are closed");
        }
        if (session == null) {
            session = ModelSession.open(factory, ModelLocator.locate(explicit), options, listener);
        }
        return session;
    }

    /** Closes the session if it was loaded; later calls to {@link #session} fail. Safe to call twice. */
    @Override
    public synchronized void close() {
        closed = true;
        if (session != null) {
            session.close();
            session = null;
        }
    }
}
