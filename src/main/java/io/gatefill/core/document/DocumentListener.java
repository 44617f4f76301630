package io.gatefill.core.document;

import io.gatefill.core.raster.Rect;

/** Told which rectangle of which layer changed, so a view redraws only that part. */
@FunctionalInterface
public interface DocumentListener {
    void regionChanged(Layer layer, Rect region);
}
