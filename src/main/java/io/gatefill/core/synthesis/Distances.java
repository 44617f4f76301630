package io.gatefill.core.synthesis;

/** Distance transforms over a hole mask: two passes, with diagonal steps of sqrt 2 or of 1 (chessboard). */
public final class Distances {
    private static final float DIAGONAL = 1.41421356f;

    private Distances() {
    }

    /**
     * Per pixel, the approximate Euclidean distance to the nearest known (hole == 0) pixel; 0 on known
     * pixels. Pixels beyond the array count as neither, so a hole at the border is measured inward.
     */
    public static float[] toKnown(byte[] hole, int w, int h) {
        return toKnown(hole, w, h, DIAGONAL);
    }

    /** As {@link #toKnown(byte[], int, int)} in whole steps of the chessboard metric (a diagonal step is 1). */
    public static float[] chessboardToKnown(byte[] hole, int w, int h) {
        return toKnown(hole, w, h, 1f);
    }

    private static float[] toKnown(byte[] hole, int w, int h, float diagonal) {
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
                        v = Math.min(v, d[i - w - 1] + diagonal);
                    }
                    if (x < w - 1) {
                        v = Math.min(v, d[i - w + 1] + diagonal);
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
                        v = Math.min(v, d[i + w + 1] + diagonal);
                    }
                    if (x > 0) {
                        v = Math.min(v, d[i + w - 1] + diagonal);
                    }
                }
                d[i] = v;
            }
        }
        return d;
    }
}
