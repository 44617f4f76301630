package io.gatefill.core.synthesis;

/** Interleaved float RGB working copies of ARGB pixels, and writing them back into hole pixels. */
final class Rgb {
    private Rgb() {
    }

    /** Red, green and blue of every pixel, interleaved, in 0-255. */
    static float[] of(int[] argb) {
        float[] rgb = new float[3 * argb.length];
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            rgb[3 * i] = (p >> 16) & 0xFF;
            rgb[3 * i + 1] = (p >> 8) & 0xFF;
            rgb[3 * i + 2] = p & 0xFF;
        }
        return rgb;
    }

    /** A copy of {@code argb} whose hole pixels take {@code rgb}'s colour (rounded, clamped) and keep their alpha. */
    static int[] intoHole(int[] argb, byte[] hole, float[] rgb) {
        int[] out = argb.clone();
        for (int i = 0; i < out.length; i++) {
            if (hole[i] != 0) {
                out[i] = (argb[i] & 0xFF000000) | channel(rgb[3 * i]) << 16 | channel(rgb[3 * i + 1]) << 8
                        | channel(rgb[3 * i + 2]);
            }
        }
        return out;
    }

    private static int channel(float v) {
        return Math.max(0, Math.min(255, Math.round(v)));
    }
}
