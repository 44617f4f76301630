package io.gatefill.core.pipeline;

import io.gatefill.core.raster.GrayRaster;

/**
 * The pipeline's working copy of a mask: one byte per pixel, 1 = set, 0 = clear. Binarised once at
 * the boundary (>= 128 = set) so every later step compares with 0 instead of re-thresholding.
 */
final class BinaryMask {
    final int width;
    final int height;
    final byte[] bits;

    BinaryMask(int width, int height) {
        this.width = width;
        this.height = height;
        this.bits = new byte[width * height];
    }

    static BinaryMask of(GrayRaster raster) {
        BinaryMask mask = new BinaryMask(raster.width(), raster.height());
        byte[] src = raster.data();
        for (int i = 0; i < src.length; i++) {
            if ((src[i] & 0xFF) >= GrayRaster.ON_THRESHOLD) {
                mask.bits[i] = 1;
            }
        }
        return mask;
    }

    boolean get(int x, int y) {
        return bits[y * width + x] != 0;
    }

    long count() {
        long n = 0;
        for (byte b : bits) {
            n += b;
        }
        return n;
    }

    /** Copies a rectangle (which must lie inside this mask). */
    BinaryMask crop(int x0, int y0, int w, int h) {
        BinaryMask out = new BinaryMask(w, h);
        for (int y = 0; y < h; y++) {
            System.arraycopy(bits, (y0 + y) * width + x0, out.bits, y * w, w);
        }
        return out;
    }

    /** Returns 0/255 so the engine sees the raster convention of GrayRaster. */
    GrayRaster toRaster() {
        byte[] data = new byte[bits.length];
        for (int i = 0; i < bits.length; i++) {
            data[i] = bits[i] != 0 ? (byte) 255 : 0;
        }
        return new GrayRaster(width, height, data);
    }
}
