package io.gatefill.gui.fill;

import io.gatefill.core.pipeline.InpaintInput;
import io.gatefill.core.raster.GrayRaster;
import java.awt.image.BufferedImage;

/** The small model call made right after loading, so libtorch's one-time set-up is not paid by the first Fill. */
final class WarmUp {
    private static final int SIDE = 64;

    private WarmUp() {
    }

    static InpaintInput input() {
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_ARGB);
        GrayRaster hole = new GrayRaster(SIDE, SIDE);
        for (int y = SIDE / 4; y < SIDE / 2; y++) {
            for (int x = SIDE / 4; x < SIDE / 2; x++) {
                hole.set(x, y, 255);
                image.setRGB(x, y, 0xFF808080);
            }
        }
        return new InpaintInput(image, hole, null);
    }
}
