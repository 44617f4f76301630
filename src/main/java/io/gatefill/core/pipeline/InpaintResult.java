package io.gatefill.core.pipeline;

import io.gatefill.core.raster.Rect;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A finished fill: a new TYPE_INT_ARGB image (the request's image is untouched), the bounding box of
 * every pixel that may differ from the input, and the windows the model saw (in image coordinates).
 */
public record InpaintResult(BufferedImage result, Rect affected, List<Window> windows) {
    public InpaintResult {
        windows = List.copyOf(windows);
    }
}
