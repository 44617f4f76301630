package io.gatefill.engine;

/**
 * Progress of loading an engine, which on first start includes unpacking several hundred MB of native
 * libraries. Called from the loading thread (or a watcher thread), so a GUI must hop to its own thread.
 */
@FunctionalInterface
public interface EngineLoadListener {
    /** A listener that ignores everything. */
    EngineLoadListener NONE = (phase, fraction) -> { };

    /** Phase names shown to the user. */
    String VERIFYING = "verifying model";
    String UNPACKING = "unpacking native libraries";
    String LOADING = "loading model";
    String READY = "ready";

    /** {@code fraction} in [0,1], or negative when the phase's progress is unknown (indeterminate). */
    void phase(String phase, double fraction);
}
