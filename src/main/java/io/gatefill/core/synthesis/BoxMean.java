package io.gatefill.core.synthesis;

import java.util.concurrent.ForkJoinPool;

/** Mean over a square box of the valid pixels only, in constant time per pixel (summed-area tables). */
final class BoxMean {
    /** Columns per task of the summed-area table's vertical pass. */
    private static final int COLUMN_BAND = 64;

    private BoxMean() {
    }

    /** Rows and column bands are shared among {@code pool}'s threads (null: this thread alone). */
    static float[] known(float[] values, byte[] valid, int w, int h, int radius, ForkJoinPool pool) {
        int stride = w + 1;
        double[] sum = new double[stride * (h + 1)];
        int[] count = new int[stride * (h + 1)];
        // The table as row prefix sums first, then each column accumulated downwards: the same
        // additions in the same order as one pass row by row, so the same doubles.
        Rows.each(pool, h, y -> {
            double rowSum = 0;
            int rowCount = 0;
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (valid[i] != 0) {
                    rowSum += values[i];
                    rowCount++;
                }
                int o = (y + 1) * stride + x + 1;
                sum[o] = rowSum;
                count[o] = rowCount;
            }
        });
        Rows.each(pool, (stride + COLUMN_BAND - 1) / COLUMN_BAND, band -> {
            int x1 = Math.min(stride, (band + 1) * COLUMN_BAND);
            for (int y = 1; y <= h; y++) {
                for (int o = y * stride + band * COLUMN_BAND, end = y * stride + x1; o < end; o++) {
                    sum[o] = sum[o - stride] + sum[o];
                    count[o] += count[o - stride];
                }
            }
        });
        float[] out = new float[w * h];
        Rows.each(pool, h, y -> {
            int y0 = Math.max(0, y - radius);
            int y1 = Math.min(h - 1, y + radius) + 1;
            for (int x = 0; x < w; x++) {
                int x0 = Math.max(0, x - radius);
                int x1 = Math.min(w - 1, x + radius) + 1;
                int n = count[y1 * stride + x1] - count[y0 * stride + x1] - count[y1 * stride + x0] + count[y0 * stride + x0];
                if (n > 0) {
                    double s = sum[y1 * stride + x1] - sum[y0 * stride + x1] - sum[y1 * stride + x0] + sum[y0 * stride + x0];
                    out[y * w + x] = (float) (s / n);
                }
            }
        });
        return out;
    }
}
