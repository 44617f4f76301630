package io.gatefill.core.synthesis;

/** Mean over a square box of the valid pixels only, in constant time per pixel (summed-area tables). */
final class BoxMean {
    private BoxMean() {
    }

    static float[] known(float[] values, byte[] valid, int w, int h, int radius) {
        int stride = w + 1;
        double[] sum = new double[stride * (h + 1)];
        int[] count = new int[stride * (h + 1)];
        for (int y = 0; y < h; y++) {
            double rowSum = 0;
            int rowCount = 0;
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (valid[i] != 0) {
                    rowSum += values[i];
                    rowCount++;
                }
                int o = (y + 1) * stride + x + 1;
                sum[o] = sum[o - stride] + rowSum;
                count[o] = count[o - stride] + rowCount;
            }
        }
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
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
        }
        return out;
    }
}
