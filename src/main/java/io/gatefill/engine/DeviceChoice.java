package io.gatefill.engine;

import java.util.Locale;

/** Where inference runs: AUTO takes a GPU when the engine finds CUDA and the CPU otherwise. */
public enum DeviceChoice {
    AUTO, CPU, GPU;

    /** Parses "auto", "cpu" or "gpu" (any case). */
    public static DeviceChoice parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
