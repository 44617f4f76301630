package io.gatefill.core.pipeline;

import io.gatefill.core.raster.Rect;

/**
 * One model call planned in image coordinates: the hole region it fills, the context window cut from
 * the photo, and the size the window is scaled to before padding (equal to the window when unscaled).
 */
public record Window(Rect region, Rect window, int scaledWidth, int scaledHeight) {
    /** True when the window is resampled before the model sees it. */
    public boolean scaled() {
        return scaledWidth != window.width() || scaledHeight != window.height();
    }
}
