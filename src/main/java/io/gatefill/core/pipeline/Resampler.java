package io.gatefill.core.pipeline;

/**
 * Resizes ARGB pixel arrays and binary masks for the model and back. Images shrink with a box (area)
 * filter, which does not alias the way bilinear does at large factors, and grow bilinearly; masks
 * shrink with "any hole under the box is a hole", so one-pixel strokes survive the downscale, and grow
 * nearest-neighbour; both stay binary. All channels, alpha included, are filtered independently.
 */
final class Resampler {
    private Resampler() {
    }

    static int[] shrinkArea(int[] src, int sw, int sh, int dw, int dh) {
        int[] out = new int[dw * dh];
        for (int y = 0; y < dh; y++) {
            int y0 = (int) ((long) y * sh / dh);
            int y1 = Math.max(y0 + 1, (int) (((long) y + 1) * sh / dh));
            for (int x = 0; x < dw; x++) {
                int x0 = (int) ((long) x * sw / dw);
                int x1 = Math.max(x0 + 1, (int) (((long) x + 1) * sw / dw));
                long a = 0, r = 0, g = 0, b = 0;
                for (int yy = y0; yy < y1; yy++) {
                    int row = yy * sw;
                    for (int xx = x0; xx < x1; xx++) {
                        int p = src[row + xx];
                        a += p >>> 24;
                        r += (p >> 16) & 0xFF;
                        g += (p >> 8) & 0xFF;
                        b += p & 0xFF;
                    }
                }
                long n = (long) (y1 - y0) * (x1 - x0);
                out[y * dw + x] = (int) ((a + n / 2) / n) << 24 | (int) ((r + n / 2) / n) << 16
                        | (int) ((g + n / 2) / n) << 8 | (int) ((b + n / 2) / n);
            }
        }
        return out;
    }

    /** Bilinear with pixel centres aligned (as in OpenCV INTER_LINEAR), edges clamped. */
    static int[] growBilinear(int[] src, int sw, int sh, int dw, int dh) {
        int[] out = new int[dw * dh];
        double fx = (double) sw / dw;
        double fy = (double) sh / dh;
        for (int y = 0; y < dh; y++) {
            double sy = Math.max(0, (y + 0.5) * fy - 0.5);
            int y0 = Math.min((int) sy, sh - 1);
            int y1 = Math.min(y0 + 1, sh - 1);
            double wy = sy - y0;
            for (int x = 0; x < dw; x++) {
                double sx = Math.max(0, (x + 0.5) * fx - 0.5);
                int x0 = Math.min((int) sx, sw - 1);
                int x1 = Math.min(x0 + 1, sw - 1);
                double wx = sx - x0;
                int p00 = src[y0 * sw + x0];
                int p01 = src[y0 * sw + x1];
                int p10 = src[y1 * sw + x0];
                int p11 = src[y1 * sw + x1];
                int v = 0;
                for (int shift = 0; shift <= 24; shift += 8) {
                    double top = ((p00 >>> shift) & 0xFF) * (1 - wx) + ((p01 >>> shift) & 0xFF) * wx;
                    double bottom = ((p10 >>> shift) & 0xFF) * (1 - wx) + ((p11 >>> shift) & 0xFF) * wx;
                    int c = (int) Math.round(top * (1 - wy) + bottom * wy);
                    v |= Math.min(255, Math.max(0, c)) << shift;
                }
                out[y * dw + x] = v;
            }
        }
        return out;
    }

    /** A model pixel is a hole when any source pixel under it is, so thin strokes are not lost. */
    static BinaryMask shrinkAny(BinaryMask src, int dw, int dh) {
        BinaryMask out = new BinaryMask(dw, dh);
        for (int y = 0; y < dh; y++) {
            int y0 = (int) ((long) y * src.height / dh);
            int y1 = Math.max(y0 + 1, (int) (((long) y + 1) * src.height / dh));
            for (int x = 0; x < dw; x++) {
                int x0 = (int) ((long) x * src.width / dw);
                int x1 = Math.max(x0 + 1, (int) (((long) x + 1) * src.width / dw));
                search:
                for (int yy = y0; yy < y1; yy++) {
                    for (int xx = x0; xx < x1; xx++) {
                        if (src.bits[yy * src.width + xx] != 0) {
                            out.bits[y * dw + x] = 1;
                            break search;
                        }
                    }
                }
            }
        }
        return out;
    }

    static BinaryMask nearest(BinaryMask src, int dw, int dh) {
        BinaryMask out = new BinaryMask(dw, dh);
        for (int y = 0; y < dh; y++) {
            int sy = Math.min(src.height - 1, (int) ((long) y * src.height / dh));
            for (int x = 0; x < dw; x++) {
                int sx = Math.min(src.width - 1, (int) ((long) x * src.width / dw));
                out.bits[y * dw + x] = src.bits[sy * src.width + sx];
            }
        }
        return out;
    }
}
