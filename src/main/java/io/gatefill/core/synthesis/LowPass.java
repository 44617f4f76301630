package io.gatefill.core.synthesis;

import java.util.concurrent.ForkJoinPool;

/**
 * Separable Gaussian blur of known pixels only (normalised convolution): hole pixels neither
 * contribute nor are left unblurred, so a low-passed source patch next to the hole is not tinted by
 * whatever the hole holds.
 */
final class LowPass {
    private LowPass() {
    }

    /**
     * Blurs the first three channels of {@code values} ({@code stride} floats per pixel) and returns
     * them as three floats per pixel; rows are shared among {@code pool}'s threads (null: this thread).
     */
    static float[] blurKnown(float[] values, int stride, byte[] hole, int w, int h, double sigma, ForkJoinPool pool) {
        int n = w * h;
        float[] lab = new float[3 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(values, stride * i, lab, 3 * i, 3);
        }
        if (sigma < 0.3) {
            return lab;
        }
        int radius = (int) Math.ceil(2.5 * sigma);
        float[] kernel = new float[2 * radius + 1];
        for (int k = -radius; k <= radius; k++) {
            kernel[k + radius] = (float) Math.exp(-k * k / (2 * sigma * sigma));
        }
        float[] tmp = new float[3 * n];
        float[] tmpWeight = new float[n];
        Rows.each(pool, h, y -> {
            for (int x = 0; x < w; x++) {
                float s0 = 0, s1 = 0, s2 = 0, sw = 0;
                for (int k = Math.max(-radius, -x); k <= Math.min(radius, w - 1 - x); k++) {
                    int j = y * w + x + k;
                    if (hole[j] != 0) {
                        continue;
                    }
                    float kw = kernel[k + radius];
                    s0 += kw * lab[3 * j];
                    s1 += kw * lab[3 * j + 1];
                    s2 += kw * lab[3 * j + 2];
                    sw += kw;
                }
                int i = y * w + x;
                tmp[3 * i] = s0;
                tmp[3 * i + 1] = s1;
                tmp[3 * i + 2] = s2;
                tmpWeight[i] = sw;
            }
        });
        float[] out = new float[3 * n];
        Rows.each(pool, h, y -> {
            for (int x = 0; x < w; x++) {
                float s0 = 0, s1 = 0, s2 = 0, sw = 0;
                for (int k = Math.max(-radius, -y); k <= Math.min(radius, h - 1 - y); k++) {
                    int j = (y + k) * w + x;
                    float kw = kernel[k + radius];
                    s0 += kw * tmp[3 * j];
                    s1 += kw * tmp[3 * j + 1];
                    s2 += kw * tmp[3 * j + 2];
                    sw += kw * tmpWeight[j];
                }
                int i = y * w + x;
                if (sw > 0) {
                    out[3 * i] = s0 / sw;
                    out[3 * i + 1] = s1 / sw;
                    out[3 * i + 2] = s2 / sw;
                } else {
                    System.arraycopy(lab, 3 * i, out, 3 * i, 3);
                }
            }
        });
        return out;
    }
}
