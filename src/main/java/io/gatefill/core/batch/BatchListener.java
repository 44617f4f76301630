package io.gatefill.core.batch;

/**
 * Hears about a batch run's progress. Calls come from the runner's worker threads, one at a time
 * (the runner serialises them), so an implementation needs no locking of its own but must be quick.
 */
public interface BatchListener {
    BatchListener NONE = new BatchListener() {
    };

    /** The plan is made: {@code total} images will be looked at. */
    default void started(int total) {
    }

    /** One more file is finished, in whatever status; {@code finished} of {@code total} so far. */
    default void finished(FileOutcome outcome, int finished, int total) {
    }

    /** OUT's lock was left by a run that ended ({@code from} names it) and this run took it over. */
    default void tookOverLock(String from) {
    }
}
