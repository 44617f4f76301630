package io.gatefill.engine;

/**
 * How to load an engine.
 *
 * @param device         AUTO, CPU or GPU (GPU without one is an error, not a silent fallback)
 * @param threads        intra-op threads for inference; 0 keeps the engine's default (one per core)
 * @param graphOptimizer TorchScript's profiling graph executor: on, it re-optimises the first calls
 *                       for each new input shape, which costs more than it gains when every window has
 *                       a different size; off by default for that reason (measured in docs/bench/fill.md)
 */
public record EngineOptions(DeviceChoice device, int threads, boolean graphOptimizer) {
    /**
     * The most intra-op threads accepted anywhere (command line, benchmark, editor): libtorch starts
     * them all at once, and 100,000 of them exhaust the machine's process table.
     */
    public static final int MAX_THREADS = 256;

    /** The user-facing refusal for an out-of-range count; one wording for every setting. */
    public static String threadRangeMessage(String setting, int min, int max, int given) {
        return setting + " must be " + min + "-" + max + ", not " + given + ".";
    }

    public EngineOptions {
        if (device == null) {
            device = DeviceChoice.AUTO;
        }
        if (threads < 0 || threads > MAX_THREADS) {
            throw new IllegalArgumentException(threadRangeMessage("threads", 0, MAX_THREADS, threads));
        }
    }

    public static EngineOptions defaults() {
        return new EngineOptions(DeviceChoice.AUTO, 0, false);
    }

    public EngineOptions withThreads(int count) {
        return new EngineOptions(device, count, graphOptimizer);
    }
}
