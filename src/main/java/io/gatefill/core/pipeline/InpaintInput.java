package io.gatefill.core.pipeline;

import io.gatefill.core.raster.GrayRaster;
import java.awt.image.BufferedImage;

/**
 * One model call: an ARGB window whose sides are multiples of 8, its binary hole mask (255 = hole)
 * and an optional binary sketch (255 = stroke; null = none), all of the same size.
 */
public record InpaintInput(BufferedImage image, GrayRaster mask, GrayRaster sketch) {
    public InpaintInput {
        if (image == null || mask == null) {
            throw new IllegalArgumentException("image and mask are required");
        }
        if (mask.width() != image.getWidth() || mask.height() != image.getHeight()
                || (sketch != null && (sketch.width() != image.getWidth() || sketch.height() != image.getHeight()))) {
            throw new IllegalArgumentException("image, mask and sketch must have the same size");
        }
    }
}
