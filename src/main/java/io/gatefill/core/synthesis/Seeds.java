package io.gatefill.core.synthesis;

/** Deterministic random streams: SplitMix64 steps, and mixing a seed with a stream identifier. */
final class Seeds {
    private Seeds() {
    }

    /** The next state of a SplitMix64 stream; the state itself is the random value. */
    static long next(long state) {
        long z = state + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A seed for sub-stream {@code id} of {@code seed}, independent of the other sub-streams. */
    static long mix(long seed, long id) {
        return next(seed ^ next(id * 0xD1B54A32D192ED03L + 1));
    }
}
