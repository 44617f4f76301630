package io.gatefill.core.project;

import io.gatefill.core.document.DocumentSnapshot;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Writes the open document to the recovery folder every N seconds on its own daemon thread, only
 * when it changed since the last autosave; when the document is clean (saved, or none open) the
 * recovery file is removed, since there is nothing to lose.
 */
public final class Autosaver implements AutoCloseable {
    private final RecoveryStore store;
    private final Callable<DocumentSnapshot> source;
    private final Consumer<Exception> onError;
    private final ScheduledExecutorService scheduler;
    private ScheduledFuture<?> task;
    private long lastRevision = Long.MIN_VALUE;

    /**
     * @param source returns a snapshot of the document when it has unsaved changes, else null; it is
     *               called on the autosave thread and must itself hop to the thread that owns the document
     * @param onError told about failed autosaves (the editor keeps running)
     */
    public Autosaver(RecoveryStore store, Callable<DocumentSnapshot> source, Consumer<Exception> onError) {
        this.store = store;
        this.source = source;
        this.onError = onError;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gatefill-autosave");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
    }

    /** (Re)starts periodic autosave; 0 or less stops it. */
    public synchronized void start(int intervalSeconds) {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
        if (intervalSeconds > 0) {
            task = scheduler.scheduleWithFixedDelay(this::tick, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
        }
    }

    /** One autosave now, on the calling thread; returns true if a file was written. */
    public synchronized boolean saveNow() throws Exception {
        DocumentSnapshot snapshot = source.call();
        if (snapshot == null) {
            store.clear();
            lastRevision = Long.MIN_VALUE;
            return false;
        }
        if (snapshot.historyRevision() == lastRevision) {
            return false;
        }
        store.write(snapshot);
        lastRevision = snapshot.historyRevision();
        return true;
    }

    private void tick() {
        try {
            saveNow();
        } catch (Exception e) {
            onError.accept(e);
        }
    }

    /** Stops autosaving; does not delete the recovery file (the store does that on a clean exit). */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
