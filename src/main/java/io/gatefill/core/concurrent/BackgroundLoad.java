package io.gatefill.core.concurrent;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Something slow (the model) loading on its own thread while the caller does other work (decoding the
 * photos), for {@code gatefill inpaint} and batch runs alike. {@link #get()} waits and throws what the
 * load threw, as it threw it; {@link #close()} waits for the load to end and releases what it loaded,
 * also when the caller failed before taking it: the process may exit right after, and must not do so
 * while libtorch is being loaded or unpacked on the load thread.
 *
 * @param <T> what is loaded (null allowed: nothing needed)
 * @param <E> the checked exception the load may throw
 */
public final class BackgroundLoad<T, E extends Exception> implements AutoCloseable {
    /** The load itself. */
    @FunctionalInterface
    public interface Loader<T, E extends Exception> {
        T load() throws E;
    }

    private final CompletableFuture<T> future = new CompletableFuture<>();
    private final Consumer<? super T> release;
    private volatile long loadMs = -1;

    private BackgroundLoad(Consumer<? super T> release) {
        this.release = release;
    }

    /**
     * Starts {@code load} on a daemon thread named {@code threadName}; {@code release} is what
     * {@link #close()} does with a non-null result.
     */
    public static <T, E extends Exception> BackgroundLoad<T, E> start(String threadName, Loader<T, E> load,
                                                                      Consumer<? super T> release) {
        BackgroundLoad<T, E> pending = new BackgroundLoad<>(release);
        Thread thread = new Thread(() -> {
            long t0 = System.nanoTime();
            try {
                T value = load.load();
                pending.loadMs = (System.nanoTime() - t0) / 1_000_000;
                pending.future.complete(value);
            } catch (Throwable e) {
                pending.future.completeExceptionally(e);
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
        return pending;
    }

    /** Nothing to load: {@code value} is there at once, and closing releases nothing. */
    public static <T, E extends Exception> BackgroundLoad<T, E> completed(T value) {
        BackgroundLoad<T, E> done = new BackgroundLoad<>(v -> { });
        done.loadMs = 0;
        done.future.complete(value);
        return done;
    }

    /**
     * The load's outcome for a consumer that waits on its own terms (the batch's first fill): a copy, so
     * that cancelling or completing it cannot end this load early and leave its value unreleased.
     */
    public CompletableFuture<T> future() {
        return future.copy();
    }

    /** Waits for the load; a failed one is thrown again as the load threw it (of type E, or unchecked). */
    @SuppressWarnings("unchecked")
    public T get() throws E {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw (E) cause; // Loader.load() throws E or unchecked exceptions only
        }
    }

    /** How long the load itself took, or -1 while it runs or when it failed. */
    public long loadMs() {
        return loadMs;
    }

    /** Waits for the load to end and releases what it loaded; a failed load has nothing to release. */
    @Override
    public void close() {
        T value;
        try {
            value = future.join();
        } catch (RuntimeException failedLoad) {
            return; // the caller reports the failure through get()
        }
        if (value != null) {
            release.accept(value);
        }
    }
}
