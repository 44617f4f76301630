package io.gatefill.core.synthesis;

import java.util.concurrent.ForkJoinPool;

/**
 * sRGB (ARGB ints) to CIE L*a*b* (D65), interleaved as three floats per pixel. Patches are compared in
 * Lab because its distances follow perceived colour difference; the output is voted from the original
 * sRGB pixels, so no conversion back is needed.
 */
final class Lab {
    private static final float[] LINEAR = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            double c = i / 255.0;
            LINEAR[i] = (float) (c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4));
        }
    }

    private Lab() {
    }

    /** Pixels converted per task when a pool shares the work. */
    private static final int CHUNK = 16_384;

    /** Converts {@code argb} to a new interleaved Lab array of {@code 3 * argb.length} floats. */
    static float[] fromArgb(int[] argb) {
        return fromArgb(argb, null);
    }

    /** As {@link #fromArgb(int[])}, the pixels shared among {@code pool}'s threads (null: this thread). */
    static float[] fromArgb(int[] argb, ForkJoinPool pool) {
        float[] lab = new float[argb.length * 3];
        Rows.each(pool, (argb.length + CHUNK - 1) / CHUNK,
                chunk -> convert(argb, lab, chunk * CHUNK, Math.min(argb.length, (chunk + 1) * CHUNK)));
        return lab;
    }

    private static void convert(int[] argb, float[] lab, int from, int to) {
        for (int i = from; i < to; i++) {
            int p = argb[i];
            float r = LINEAR[(p >> 16) & 0xFF];
            float g = LINEAR[(p >> 8) & 0xFF];
            float b = LINEAR[p & 0xFF];
            float fx = f((0.4124564f * r + 0.3575761f * g + 0.1804375f * b) / 0.95047f);
            float fy = f(0.2126729f * r + 0.7151522f * g + 0.0721750f * b);
            float fz = f((0.0193339f * r + 0.1191920f * g + 0.9503041f * b) / 1.08883f);
            lab[3 * i] = 116 * fy - 16;
            lab[3 * i + 1] = 500 * (fx - fy);
            lab[3 * i + 2] = 200 * (fy - fz);
        }
    }

    private static float f(float t) {
        return t > 0.008856f ? cubeRoot(t) : 7.787f * t + 16f / 116f;
    }

    /**
     * Cube root of a positive float to within 2e-6 relative, about 3x faster than {@link Math#cbrt}, which
     * took a third of a large window's conversion: dividing the float's bits by three divides its exponent
     * by three (a first guess within a few per cent), then two Newton steps in double.
     */
    static float cubeRoot(float t) {
        double y = Float.intBitsToFloat(Float.floatToRawIntBits(t) / 3 + 709_921_077);
        y -= (y * y * y - t) / (3 * y * y);
        y -= (y * y * y - t) / (3 * y * y);
        return (float) y;
    }
}
