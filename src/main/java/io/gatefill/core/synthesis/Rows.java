package io.gatefill.core.synthesis;

import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Runs per-row (or per-column) work of a synthesis on its pool. Every index is processed by the same
 * code whatever thread takes it, so results do not depend on the thread count.
 */
final class Rows {
    private Rows() {
    }

    /** Calls {@code row} for 0 .. count-1 on the pool's threads and returns when all are done. */
    static void each(ForkJoinPool pool, int count, IntConsumer row) {
        if (pool == null || count < 2) {
            for (int i = 0; i < count; i++) {
                row.accept(i);
            }
            return;
        }
        pool.submit(() -> IntStream.range(0, count).parallel().forEach(row)).join();
    }
}
