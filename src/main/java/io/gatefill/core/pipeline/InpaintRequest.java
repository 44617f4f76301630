package io.gatefill.core.pipeline;

import io.gatefill.core.raster.GrayRaster;
import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * What to fill: a photo (any BufferedImage type; read, never modified), its mask (>= 128 = hole),
 * an optional sketch (>= 128 = guidance stroke; null = none) and the large-image strategy.
 */
public record InpaintRequest(BufferedImage image, GrayRaster mask, GrayRaster sketch, Strategy strategy) {
    public InpaintRequest {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(strategy, "strategy");
    }
}
