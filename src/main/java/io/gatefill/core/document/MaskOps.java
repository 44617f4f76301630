package io.gatefill.core.document;

import io.gatefill.core.raster.GrayRaster;
import io.gatefill.core.raster.Rect;

/**
 * Pixel operations on 8-bit layers: binarising, inverting, growing and shrinking.
 *
 * <p>A soft brush leaves partial values at a stroke's edge; for inpainting and for grow/shrink a pixel
 * is a hole when its value is at least {@link #HOLE_THRESHOLD} (128), i.e. at least half covered.
 * The overlay still shows the soft values so the user sees the feathering.
 */
public final class MaskOps {
    /** Mask values at or above this are holes when the mask is binarised. */
    public static final int HOLE_THRESHOLD = GrayRaster.ON_THRESHOLD;

    private static final double INF = 1e20;

    private MaskOps() {
    }

    public static boolean isHole(byte value) {
        return (value & 0xFF) >= HOLE_THRESHOLD;
    }

    /** A new raster with 255 where {@code mask} is a hole and 0 elsewhere. */
    public static GrayRaster binarise(GrayRaster mask) {
        GrayRaster out = new GrayRaster(mask.width(), mask.height());
        byte[] src = mask.data();
        byte[] dst = out.data();
        for (int i = 0; i < src.length; i++) {
            dst[i] = isHole(src[i]) ? (byte) 255 : 0;
        }
        return out;
    }

    /** Replaces every value v by 255 - v (soft edges stay soft). */
    public static void invert(GrayRaster raster) {
        byte[] data = raster.data();
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (255 - (data[i] & 0xFF));
        }
    }

    /** Sets every pixel of {@code region} to 0. */
    public static void clear(GrayRaster raster, Rect region) {
        byte[] data = raster.data();
        int w = raster.width();
        for (int y = region.y(); y < region.y() + region.height(); y++) {
            java.util.Arrays.fill(data, y * w + region.x(), y * w + region.x() + region.width(), (byte) 0);
        }
    }

    /** The rectangle {@link #grow} may change: the non-zero bounds widened by {@code radius}, inside the raster. */
    public static Rect growRegion(GrayRaster mask, int radius) {
        Rect b = mask.bounds();
        return b.isEmpty() ? b : clampTo(b.x() - radius, b.y() - radius, b.width() + 2 * radius,
                b.height() + 2 * radius, mask);
    }

    /** The rectangle {@link #shrink} may change: the bounds of all non-zero pixels. */
    public static Rect shrinkRegion(GrayRaster mask) {
        return mask.bounds();
    }

    /**
     * Dilates the binarised mask by a disc of {@code radius} px (Euclidean): every pixel within
     * {@code radius} of a hole becomes 255, every other pixel of {@link #growRegion} becomes 0.
     */
    public static void grow(GrayRaster mask, int radius) {
        Rect r = growRegion(mask, radius);
        if (r.isEmpty()) {
            return;
        }
        double[] dist = distanceToNearest(mask, r, true);
        apply(mask, r, dist, d -> d <= (double) radius * radius);
    }

    /**
     * Erodes the binarised mask by a disc of {@code radius} px: a hole survives only if no kept pixel
     * lies within {@code radius}. The image border does not count as kept, so a hole touching the
     * border is not eaten from that side.
     */
    public static void shrink(GrayRaster mask, int radius) {
        Rect bounds = mask.bounds();
        if (bounds.isEmpty()) {
            return;
        }
        // One ring of kept pixels around the bounds holds the nearest kept pixel of any hole.
        Rect r = clampTo(bounds.x() - 1, bounds.y() - 1, bounds.width() + 2, bounds.height() + 2, mask);
        double[] dist = distanceToNearest(mask, r, false);
        apply(mask, r, dist, d -> d > (double) radius * radius);
    }

    private interface DistancePredicate {
        boolean hole(double squaredDistance);
    }

    private static void apply(GrayRaster mask, Rect r, double[] dist, DistancePredicate rule) {
        byte[] data = mask.data();
        int w = mask.width();
        for (int y = 0; y < r.height(); y++) {
            for (int x = 0; x < r.width(); x++) {
                data[(r.y() + y) * w + r.x() + x] = rule.hole(dist[y * r.width() + x]) ? (byte) 255 : 0;
            }
        }
    }

    /** Squared Euclidean distance from each pixel of {@code r} to the nearest pixel that is (not) a hole. */
    private static double[] distanceToNearest(GrayRaster mask, Rect r, boolean toHoles) {
        int rw = r.width();
        int rh = r.height();
        byte[] data = mask.data();
        int w = mask.width();
        double[] grid = new double[rw * rh];
        for (int y = 0; y < rh; y++) {
            for (int x = 0; x < rw; x++) {
                boolean hole = isHole(data[(r.y() + y) * w + r.x() + x]);
                grid[y * rw + x] = hole == toHoles ? 0 : INF;
            }
        }
        // Felzenszwalb & Huttenlocher: exact squared EDT as two passes of 1-D lower envelopes.
        int n = Math.max(rw, rh);
        double[] f = new double[n];
        double[] d = new double[n];
        int[] v = new int[n];
        double[] z = new double[n + 1];
        for (int x = 0; x < rw; x++) {
            for (int y = 0; y < rh; y++) {
                f[y] = grid[y * rw + x];
            }
            transform1d(f, rh, d, v, z);
            for (int y = 0; y < rh; y++) {
                grid[y * rw + x] = d[y];
            }
        }
        for (int y = 0; y < rh; y++) {
            System.arraycopy(grid, y * rw, f, 0, rw);
            transform1d(f, rw, d, v, z);
            System.arraycopy(d, 0, grid, y * rw, rw);
        }
        return grid;
    }

    private static void transform1d(double[] f, int n, double[] d, int[] v, double[] z) {
        int k = 0;
        v[0] = 0;
        z[0] = -INF;
        z[1] = INF;
        for (int q = 1; q < n; q++) {
            double s;
            while (true) {
                int p = v[k];
                s = ((f[q] + (double) q * q) - (f[p] + (double) p * p)) / (2.0 * q - 2.0 * p);
                if (s <= z[k] && k > 0) {
                    k--;
                } else {
                    break;
                }
            }
            if (s <= z[k]) {
                // k == 0 and the new parabola dominates from the start
                v[0] = q;
                z[0] = -INF;
                z[1] = INF;
                continue;
            }
            k++;
            v[k] = q;
            z[k] = s;
            z[k + 1] = INF;
        }
        k = 0;
        for (int q = 0; q < n; q++) {
            while (z[k + 1] < q) {
                k++;
            }
            double diff = q - v[k];
            d[q] = diff * diff + f[v[k]];
        }
    }

    static Rect clampTo(int x, int y, int w, int h, GrayRaster raster) {
        int x0 = Math.max(0, x);
        int y0 = Math.max(0, y);
        int x1 = Math.min(raster.width(), x + w);
        int y1 = Math.min(raster.height(), y + h);
        return x1 <= x0 || y1 <= y0 ? new Rect(0, 0, 0, 0) : new Rect(x0, y0, x1 - x0, y1 - y0);
    }
}
