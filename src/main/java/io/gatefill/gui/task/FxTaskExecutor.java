package io.gatefill.gui.task;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;

/**
 * Runs tasks on one background thread, in submission order (so a save never overtakes the export
 * queued before it), and delivers callbacks on the JavaFX application thread.
 */
public final class FxTaskExecutor implements TaskExecutor {
    private final ExecutorService pool;
    private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper(0);

    public FxTaskExecutor() {
        AtomicInteger count = new AtomicInteger();
        pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "gatefill-worker-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Tasks submitted and not yet delivered; the status bar shows a busy indicator while above 0. */
    public ReadOnlyIntegerProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    @Override
    public <T> void execute(BackgroundTask<T> task) {
        running.set(running.get() + 1);
        pool.execute(() -> {
            try {
                T result = task.work().call();
                Platform.runLater(() -> {
                    running.set(running.get() - 1);
                    task.onSuccess().accept(result);
                });
            } catch (Exception | OutOfMemoryError e) {
                Exception failure = e instanceof Exception ex ? ex
                        : new Exception("Not enough memory for this operation. Close other documents or raise -Xmx.", e);
                Platform.runLater(() -> {
                    running.set(running.get() - 1);
                    task.onFailure().accept(failure);
                });
            }
        });
    }

    @Override
    public void close() {
        pool.shutdown();
    }
}
