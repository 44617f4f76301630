package io.gatefill.core.pipeline;

/** Receives pipeline progress; called on the thread that runs the pipeline, so a GUI must hop to its own thread. */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = (done, total, message) -> { };

    /** {@code done} of {@code total} steps finished (regions, for CROP); {@code message} says what runs next. */
    void progress(int done, int total, String message);
}
