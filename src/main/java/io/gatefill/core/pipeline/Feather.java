package io.gatefill.core.pipeline;

/**
 * Blend weights for compositing: 0 outside the hole (the original pixel is kept exactly), rising inside
 * the hole over {@code width} pixels from its edge to 1, so the fill meets the photo without a hard seam
 * while nothing outside the hole is touched.
 */
final class Feather {
    private Feather() {
    }

    /**
     * Weight of the prediction per pixel, in 1/256 steps (256 = prediction only). Distance is the
     * chessboard distance to the nearest kept pixel; pixels outside the array count as hole, so a hole
     * that reaches the window edge is not feathered against pixels the window cannot see.
     */
    static int[] weights(BinaryMask hole, int width) {
        int w = hole.width;
        int h = hole.height;
        int cap = width + 1;
        int[] d = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (hole.bits[i] == 0) {
                    d[i] = 0;
                    continue;
                }
                int v = cap;
                if (x > 0) {
                    v = Math.min(v, d[i - 1] + 1);
                }
                if (y > 0) {
                    v = Math.min(v, d[i - w] + 1);
                    if (x > 0) {
                        v = Math.min(v, d[i - w - 1] + 1);
                    }
                    if (x < w - 1) {
                        v = Math.min(v, d[i - w + 1] + 1);
                    }
                }
                d[i] = v;
            }
        }
        for (int y = h - 1; y >= 0; y--) {
            for (int x = w - 1; x >= 0; x--) {
                int i = y * w + x;
                if (d[i] == 0) {
                    continue;
                }
                int v = d[i];
                if (x < w - 1) {
                    v = Math.min(v, d[i + 1] + 1);
                }
                if (y < h - 1) {
                    v = Math.min(v, d[i + w] + 1);
                    if (x < w - 1) {
                        v = Math.min(v, d[i + w + 1] + 1);
                    }
                    if (x > 0) {
                        v = Math.min(v, d[i + w - 1] + 1);
                    }
                }
                d[i] = v;
            }
        }
        for (int i = 0; i < d.length; i++) {
            d[i] = d[i] >= cap ? 256 : d[i] * 256 / cap;
        }
        return d;
    }
}
