package io.gatefill.core.synthesis;

/**
 * Gradient-domain seam removal (Pérez et al.'s Poisson blending, SIGGRAPH 2003, in its membrane
 * form): the synthesis also estimates the known ring of pixels around the hole; the difference
 * between the photo and that estimate on the ring is spread harmonically over the hole and added to
 * the fill, so the fill keeps its own gradients but meets the photo without a colour step.
 */
final class SeamBlend {
    private static final double OVER_RELAXATION = 1.9;

    private SeamBlend() {
    }

    /** The known pixels 4-adjacent to a hole pixel. */
    static byte[] ring(byte[] hole, int w, int h) {
        byte[] ring = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (hole[i] != 0) {
                    continue;
                }
                boolean next = (x > 0 && hole[i - 1] != 0) || (x < w - 1 && hole[i + 1] != 0)
                        || (y > 0 && hole[i - w] != 0) || (y < h - 1 && hole[i + w] != 0);
                ring[i] = (byte) (next ? 1 : 0);
            }
        }
        return ring;
    }

    /**
     * Corrects {@code fill} (interleaved rgb of the voted estimate, valid on hole and ring pixels) in
     * place so that it matches {@code argb} on the ring, and returns it.
     */
    static float[] blend(float[] fill, int[] argb, byte[] hole, byte[] ring, int w, int h, int sweeps) {
        int n = w * h;
        float[] correction = new float[3 * n];
        byte[] known = new byte[n];
        for (int i = 0; i < n; i++) {
            if (ring[i] != 0) {
                int p = argb[i];
                correction[3 * i] = ((p >> 16) & 0xFF) - fill[3 * i];
                correction[3 * i + 1] = ((p >> 8) & 0xFF) - fill[3 * i + 1];
                correction[3 * i + 2] = (p & 0xFF) - fill[3 * i + 2];
                known[i] = 1;
            }
        }
        // Push-pull from the ring alone gives a smooth start; the sweeps make it harmonic. Pixels that
        // are neither hole nor ring are filled too, but the solve never reads them.
        SmoothFill.fill(correction, known, w, h, 3);
        for (int s = 0; s < sweeps; s++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = y * w + x;
                    if (hole[i] == 0) {
                        continue;
                    }
                    relax(correction, hole, ring, i, x, y, w, h);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (hole[i] != 0) {
                for (int c = 0; c < 3; c++) {
                    fill[3 * i + c] += correction[3 * i + c];
                }
            }
        }
        return fill;
    }

    /** One over-relaxed Gauss-Seidel update of a hole pixel; neighbours beyond the window are left out. */
    private static void relax(float[] v, byte[] hole, byte[] ring, int i, int x, int y, int w, int h) {
        for (int c = 0; c < 3; c++) {
            float sum = 0;
            int n = 0;
            if (x > 0 && (hole[i - 1] | ring[i - 1]) != 0) {
                sum += v[3 * (i - 1) + c];
                n++;
            }
            if (x < w - 1 && (hole[i + 1] | ring[i + 1]) != 0) {
                sum += v[3 * (i + 1) + c];
                n++;
            }
            if (y > 0 && (hole[i - w] | ring[i - w]) != 0) {
                sum += v[3 * (i - w) + c];
                n++;
            }
            if (y < h - 1 && (hole[i + w] | ring[i + w]) != 0) {
                sum += v[3 * (i + w) + c];
                n++;
            }
            if (n > 0) {
                float old = v[3 * i + c];
                v[3 * i + c] = (float) (old + OVER_RELAXATION * (sum / n - old));
            }
        }
    }
}
