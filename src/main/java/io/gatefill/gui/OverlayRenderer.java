package io.gatefill.gui;

import io.gatefill.core.raster.GrayRaster;
import io.gatefill.core.raster.Rect;

/**
 * Turns mask and sketch values into the ARGB overlay drawn over the photo (non-premultiplied):
 * translucent red for the mask (alpha follows the mask value, so soft edges show), opaque-ish cyan
 * for sketch strokes on top. Only the requested rectangle is computed.
 */
public final class OverlayRenderer {
    /** Mask colour RGB and its strongest alpha (about 55 %, photo stays visible under the hole). */
    private static final int MASK_RGB = 0xFF2020;
    private static final int MASK_MAX_ALPHA = 140;
    private static final int SKETCH_RGB = 0x00E5FF;
    private static final int SKETCH_MAX_ALPHA = 235;

    private OverlayRenderer() {
    }

    /** Writes {@code region}'s overlay pixels into {@code out}, row-major, region.width() per row. */
    public static void render(GrayRaster mask, GrayRaster sketch, Rect region, int[] out) {
        byte[] m = mask.data();
        byte[] s = sketch.data();
        int w = mask.width();
        int rw = region.width();
        for (int row = 0; row < region.height(); row++) {
            int src = (region.y() + row) * w + region.x();
            int dst = row * rw;
            for (int x = 0; x < rw; x++) {
                int sv = s[src + x] & 0xFF;
                int mv = m[src + x] & 0xFF;
                int argb;
                if (sv != 0) {
                    argb = ((sv * SKETCH_MAX_ALPHA / 255) << 24) | SKETCH_RGB;
                } else if (mv != 0) {
                    argb = ((mv * MASK_MAX_ALPHA / 255) << 24) | MASK_RGB;
                } else {
                    argb = 0;
                }
                out[dst + x] = argb;
            }
        }
    }
}
