package io.gatefill.core.pipeline;

/** How a large photo is presented to the model: the IOPaint strategies. */
public enum Strategy {
    /** A window around each mask region with a context margin, at (or near) full resolution. */
    CROP,
    /** The whole photo, downscaled so its longer side fits the model's input limit. */
    RESIZE,
    /** The whole photo at full resolution; refused above a pixel limit because attention cost grows quadratically. */
    ORIGINAL
}
