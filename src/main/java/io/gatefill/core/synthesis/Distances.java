package io.gatefill.core.synthesis;

/** A distance transform over a hole mask in two passes, with diagonal steps of sqrt 2. */
final class Distances {
    private static final float DIAGONAL = 1.41421356f;

    private Distances() {
    }

    /**
     * Per pixel, the approximate Euclidean distance to the nearest known (hole == 0) pixel; 0 on known
     * pixels. Pixels beyond the array count as neither, so a hole at the border is measured inward.
     */
    static float[] toKnown(byte[] hole, int w, int h) {
        float[] d = new float[w * h];
        float far = w + h;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (hole[i] == 0) {
                    continue;
                }
                float v = far;
                if (x > 0) {
                    v = Math.min(v, d[i - 1] + 1);
                }
                if (y > 0) {
                    v = Math.min(v, d[i - w] + 1);
                    if (x > 0) {
                        v = Math.min(v, d[i - w - 1] + DIAGONAL);
                    }
                    if (x < w - 1) {
                        v = Math.min(v, d[i - w + 1] + DIAGONAL);
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
                float v = d[i];
                if (x < w - 1) {
                    v = Math.min(v, d[i + 1] + 1);
                }
                if (y < h - 1) {
                    v = Math.min(v, d[i + w] + 1);
                    if (x < w - 1) {
                        v = Math.min(v, d[i + w + 1] + DIAGONAL);
                    }
                    if (x > 0) {
                        v = Math.min(v, d[i + w - 1] + DIAGONAL);
                    }
                }
                d[i] = v;
            }
        }
        return d;
    }
}
