package io.gatefill.core.pipeline;

/**
 * Pads to a multiple of 8 (the network halves its resolution three times) on the right and bottom by
 * reflection without repeating the edge pixel, like numpy's "reflect"; reflection repeats as often as
 * needed so even a window narrower than the padding is handled.
 */
final class Padding {
    static final int MULTIPLE = 8;

    private Padding() {
    }

    static int padded(int size) {
        return (size + MULTIPLE - 1) / MULTIPLE * MULTIPLE;
    }

    /** Maps an index past either end back into [0, n) by mirror reflection about the edge pixels. */
    static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * n - 2;
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }

    static int[] pad(int[] src, int w, int h, int pw, int ph) {
        int[] out = new int[pw * ph];
        for (int y = 0; y < ph; y++) {
            int sy = reflect(y, h);
            for (int x = 0; x < pw; x++) {
                out[y * pw + x] = src[sy * w + reflect(x, w)];
            }
        }
        return out;
    }

    static BinaryMask pad(BinaryMask src, int pw, int ph) {
        BinaryMask out = new BinaryMask(pw, ph);
        for (int y = 0; y < ph; y++) {
            int sy = reflect(y, src.height);
            for (int x = 0; x < pw; x++) {
                out.bits[y * pw + x] = src.bits[sy * src.width + reflect(x, src.width)];
            }
        }
        return out;
    }

    /** The top-left {@code w x h} of a padded {@code pw}-wide array. */
    static int[] unpad(int[] src, int pw, int w, int h) {
        int[] out = new int[w * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(src, y * pw, out, y * w, w);
        }
        return out;
    }
}
