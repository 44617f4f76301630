package io.gatefill.gui.task;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Work to run off the UI thread, with callbacks that a {@link TaskExecutor} delivers on the UI thread.
 *
 * @param title what the status bar shows while it runs
 */
public record BackgroundTask<T>(String title, Callable<T> work, Consumer<T> onSuccess, Consumer<Exception> onFailure) {
}
