package io.gatefill.core.synthesis;

import java.util.concurrent.ForkJoinPool;

/**
 * What a patch distance compares per pixel: CIE Lab colour plus two texture channels, the local mean
 * of the absolute horizontal and vertical lightness differences (Newson et al., SIAM J. Imaging
 * Sciences 2014). Without them a smooth estimate of the hole matches smooth source patches best, so
 * fills of fine texture (foliage, fabric, a fish's scales) come out flat; with them the distance
 * also asks for as much texture as the surroundings have. Hole pixels' texture is estimated with the
 * colour, by voting.
 */
final class Features {
    static final int CHANNELS = 5;

    private Features() {
    }

    /**
     * Features of a window: Lab from {@code argb}, texture averaged over a box of side {@code window}
     * from known pixels only and scaled by {@code textureWeight}'s square root, so squared distances
     * weigh texture by {@code textureWeight}. Hole pixels hold zeros until they are estimated. Rows are
     * shared among {@code pool}'s threads (null: this thread alone).
     */
    static float[] of(int[] argb, byte[] hole, int w, int h, int window, float textureWeight, ForkJoinPool pool) {
        float[] lab = Lab.fromArgb(argb, pool);
        int n = w * h;
        float[] gx = new float[n];
        float[] gy = new float[n];
        byte[] valid = new byte[n];
        Rows.each(pool, h, y -> {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (hole[i] != 0) {
                    continue;
                }
                int left = x > 0 && hole[i - 1] == 0 ? i - 1 : i;
                int right = x < w - 1 && hole[i + 1] == 0 ? i + 1 : i;
                int up = y > 0 && hole[i - w] == 0 ? i - w : i;
                int down = y < h - 1 && hole[i + w] == 0 ? i + w : i;
                gx[i] = Math.abs(lab[3 * right] - lab[3 * left]) / Math.max(1, right - left);
                gy[i] = Math.abs(lab[3 * down] - lab[3 * up]) / Math.max(1, (down - up) / w);
                valid[i] = 1;
            }
        });
        float scale = (float) Math.sqrt(textureWeight);
        float[] tx = BoxMean.known(gx, valid, w, h, window / 2, pool);
        float[] ty = BoxMean.known(gy, valid, w, h, window / 2, pool);
        float[] out = new float[CHANNELS * n];
        Rows.each(pool, h, y -> {
            for (int i = y * w; i < (y + 1) * w; i++) {
                if (hole[i] != 0) {
                    continue;
                }
                out[CHANNELS * i] = lab[3 * i];
                out[CHANNELS * i + 1] = lab[3 * i + 1];
                out[CHANNELS * i + 2] = lab[3 * i + 2];
                out[CHANNELS * i + 3] = scale * tx[i];
                out[CHANNELS * i + 4] = scale * ty[i];
            }
        });
        return out;
    }
}
