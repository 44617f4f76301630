package io.gatefill.core.pipeline;

import java.util.Locale;

/**
 * How a hole is filled. {@link #MODEL}: the generator's prediction alone (smooth at this model's
 * training budget). {@link #PATCH}: multi-scale patch synthesis from the photo's own pixels at full
 * resolution, which needs no model. {@link #HYBRID}: the generator's prediction guides the patch
 * synthesis, so structure and colour follow the network and texture is the photo's.
 */
public enum FillEngine {
    MODEL, PATCH, HYBRID;

    /** The engine Fill, inpaint and batch use unless told otherwise (README, "Detail synthesis"). */
    public static final FillEngine DEFAULT = HYBRID;

    public boolean needsModel() {
        return this != PATCH;
    }

    /** The name used on the command line, in settings and in reports. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code model}, {@code patch} or {@code hybrid} (any case). */
    public static FillEngine parse(String text) {
        for (FillEngine engine : values()) {
            if (engine.id().equalsIgnoreCase(text.trim())) {
                return engine;
            }
        }
        throw new IllegalArgumentException("unknown engine '" + text + "': use model, patch or hybrid");
    }
}
