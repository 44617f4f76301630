package io.gatefill.core.pipeline;

import io.gatefill.core.raster.GrayRaster;
import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * What to fill: a photo (any BufferedImage type; read, never modified), its mask (>= 128 = hole),
 * an optional sketch (>= 128 = guidance stroke; null = none), the large-image strategy, the engine,
 * and the seed of the patch synthesis (same seed, same fill; "Fill again" takes another).
 */
public record InpaintRequest(BufferedImage image, GrayRaster mask, GrayRaster sketch, Strategy strategy,
                             FillEngine engine, long seed) {
    public InpaintRequest {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(engine, "engine");
    }

    /** A request for the generator alone ({@link FillEngine#MODEL}), as before the engines existed. */
    public InpaintRequest(BufferedImage image, GrayRaster mask, GrayRaster sketch, Strategy strategy) {
        this(image, mask, sketch, strategy, FillEngine.MODEL, 0L);
    }
}
