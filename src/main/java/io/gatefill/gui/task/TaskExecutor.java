package io.gatefill.gui.task;

/**
 * Runs background work and hands results back to the UI thread (JabRef's pattern): view models
 * depend on this interface, so tests run them deterministically with {@link CurrentThreadTaskExecutor}.
 */
public interface TaskExecutor extends AutoCloseable {
    <T> void execute(BackgroundTask<T> task);

    /** Stops accepting work; running tasks may finish. */
    @Override
    void close();
}
