package io.gatefill.core.synthesis;

/**
 * Push-pull interpolation: unknown values become a smooth blend of the known ones around them
 * (averages over ever coarser grids, pulled back down). Starts the coarsest level of a patch-only
 * synthesis, spreads seam corrections into a hole, and fills alone where no patch fits at all.
 */
final class SmoothFill {
    private SmoothFill() {
    }

    /**
     * Overwrites the {@code channels}-interleaved values of every pixel where {@code known} is 0 with
     * an interpolation of the pixels where it is 1. Does nothing when no pixel is known.
     */
    static void fill(float[] values, byte[] known, int w, int h, int channels) {
        boolean any = false;
        boolean missing = false;
        for (byte k : known) {
            any |= k != 0;
            missing |= k == 0;
        }
        if (!any || !missing) {
            return;
        }
        int cw = (w + 1) / 2;
        int ch = (h + 1) / 2;
        float[] coarse = new float[cw * ch * channels];
        byte[] coarseKnown = new byte[cw * ch];
        for (int y = 0; y < ch; y++) {
            for (int x = 0; x < cw; x++) {
                int o = y * cw + x;
                int n = 0;
                for (int dy = 0; dy < 2 && 2 * y + dy < h; dy++) {
                    for (int dx = 0; dx < 2 && 2 * x + dx < w; dx++) {
                        int i = (2 * y + dy) * w + 2 * x + dx;
                        if (known[i] != 0) {
                            for (int c = 0; c < channels; c++) {
                                coarse[o * channels + c] += values[i * channels + c];
                            }
                            n++;
                        }
                    }
                }
                if (n > 0) {
                    for (int c = 0; c < channels; c++) {
                        coarse[o * channels + c] /= n;
                    }
                    coarseKnown[o] = 1;
                }
            }
        }
        fill(coarse, coarseKnown, cw, ch, channels);
        // Pull: bilinear from the coarse grid, so the fill has no blocks.
        for (int y = 0; y < h; y++) {
            float fy = Math.max(0, Math.min(ch - 1, (y - 0.5f) / 2));
            int y0 = (int) fy;
            int y1 = Math.min(ch - 1, y0 + 1);
            float wy = fy - y0;
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (known[i] != 0) {
                    continue;
                }
                float fx = Math.max(0, Math.min(cw - 1, (x - 0.5f) / 2));
                int x0 = (int) fx;
                int x1 = Math.min(cw - 1, x0 + 1);
                float wx = fx - x0;
                for (int c = 0; c < channels; c++) {
                    float top = coarse[(y0 * cw + x0) * channels + c] * (1 - wx) + coarse[(y0 * cw + x1) * channels + c] * wx;
                    float bottom = coarse[(y1 * cw + x0) * channels + c] * (1 - wx) + coarse[(y1 * cw + x1) * channels + c] * wx;
                    values[i * channels + c] = top * (1 - wy) + bottom * wy;
                }
            }
        }
    }
}
