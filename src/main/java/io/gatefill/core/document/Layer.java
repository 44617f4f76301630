package io.gatefill.core.document;

/** The three rasters of a document; listeners are told which one changed. */
public enum Layer {
    /** The photo, ARGB. */
    IMAGE,
    /** Where to inpaint: 8-bit, 255 = hole; values below {@link MaskOps#HOLE_THRESHOLD} are kept. */
    MASK,
    /** Guidance strokes for the model: 8-bit, 255 = stroke. */
    SKETCH
}
