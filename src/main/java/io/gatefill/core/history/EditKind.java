package io.gatefill.core.history;

/** What sort of change an {@link Edit} is, so observers react to a type instead of matching descriptions. */
public enum EditKind {
    /** A brush stroke on the mask or sketch (any tool, painting or erasing). */
    STROKE,
    /** An inpainting fill. */
    FILL,
    /** Anything else: mask menu commands, imports. */
    OTHER
}
