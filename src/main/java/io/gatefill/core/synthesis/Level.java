package io.gatefill.core.synthesis;

import java.util.concurrent.ForkJoinPool;

/**
 * One pyramid level of a synthesis: the working image as {@link Features} (known pixels exact, hole
 * pixels the current estimate), the hole, which pixels may centre a source patch, which centre a target patch,
 * and, for the hybrid engine, the generator's prediction with the matching low-passed image.
 * Arrays are flat, row-major, one entry (three floats for colours) per pixel.
 */
final class Level {
    final int width;
    final int height;
    /** {@link Features#CHANNELS} floats per pixel. */
    final float[] features;
    final byte[] hole;
    /** 1 where a whole patch centred here lies inside the level and touches no hole pixel. */
    byte[] source;
    /** The indices where {@link #source} is 1, for drawing random sources. */
    int[] sources;
    /** 1 where a patch centred here covers at least one hole pixel. */
    byte[] target;
    /** Per pixel, the distance to the nearest known pixel; computed once, on first use. */
    private float[] distance;
    /** Vote weight from the distance to the known border (1 next to it, smaller inside). */
    float[] confidence;
    /** Prediction in Lab (three floats per pixel) inside the hole, {@link #lowpass} elsewhere; null without a guide. */
    float[] guide;
    /** The image low-passed to the prediction's blur, compared with {@link #guide}; null without one. */
    float[] lowpass;

    Level(int width, int height, float[] features, byte[] hole) {
        this(width, height, features, hole, null);
    }

    /** @param distance the hole's {@link Distances#toKnown} if the caller has it already, else null */
    Level(int width, int height, float[] features, byte[] hole, float[] distance) {
        this.width = width;
        this.height = height;
        this.features = features;
        this.hole = hole;
        this.distance = distance;
    }

    int pixels() {
        return width * height;
    }

    /**
     * Fills in sources, targets and confidence for a patch radius; false when no source patch exists.
     * Rows are shared among {@code pool}'s threads (null: this thread alone).
     */
    boolean prepare(int radius, float borderConfidence, ForkJoinPool pool) {
        int[] integral = holeIntegral();
        int n = pixels();
        byte[] source = new byte[n];
        byte[] target = new byte[n];
        Rows.each(pool, height, y -> {
            for (int x = 0; x < width; x++) {
                int x0 = Math.max(0, x - radius);
                int y0 = Math.max(0, y - radius);
                int x1 = Math.min(width - 1, x + radius);
                int y1 = Math.min(height - 1, y + radius);
                int holes = boxSum(integral, x0, y0, x1, y1);
                boolean inside = x >= radius && y >= radius && x < width - radius && y < height - radius;
                if (holes > 0) {
                    target[y * width + x] = 1;
                } else if (inside) {
                    source[y * width + x] = 1;
                }
            }
        });
        int count = 0;
        for (byte b : source) {
            count += b;
        }
        this.source = source;
        this.target = target;
        sources = new int[count];
        for (int i = 0, k = 0; i < n; i++) {
            if (source[i] != 0) {
                sources[k++] = i;
            }
        }
        float[] distance = distance();
        float[] confidence = new float[n];
        double logBase = Math.log(borderConfidence);
        Rows.each(pool, height, y -> {
            for (int i = y * width; i < (y + 1) * width; i++) {
                // Capped so deep holes do not underflow; only ratios between nearby patches matter.
                confidence[i] = (float) Math.exp(-logBase * Math.min(distance[i], 60f));
            }
        });
        this.confidence = confidence;
        return count > 0;
    }

    /** Summed-area table of the hole, (width+1) x (height+1). */
    private int[] holeIntegral() {
        int stride = width + 1;
        int[] s = new int[stride * (height + 1)];
        for (int y = 0; y < height; y++) {
            int row = 0;
            for (int x = 0; x < width; x++) {
                row += hole[y * width + x];
                s[(y + 1) * stride + x + 1] = s[y * stride + x + 1] + row;
            }
        }
        return s;
    }

    private int boxSum(int[] s, int x0, int y0, int x1, int y1) {
        int stride = width + 1;
        return s[(y1 + 1) * stride + x1 + 1] - s[y0 * stride + x1 + 1] - s[(y1 + 1) * stride + x0] + s[y0 * stride + x0];
    }

    /**
     * The next coarser level: half the size (rounded up), a pixel is a hole when any pixel under it is,
     * and a known pixel is the mean of the pixels under it. Rows are shared among {@code pool}'s threads
     * (null: this thread alone). The guide is averaged separately ({@link #halfGuide}), once the pyramid
     * is built.
     */
    Level half(ForkJoinPool pool) {
        int w = (width + 1) / 2;
        int h = (height + 1) / 2;
        byte[] coarseHole = new byte[w * h];
        Rows.each(pool, h, y -> {
            for (int x = 0; x < w; x++) {
                byte any = 0;
                for (int yy = 2 * y; yy < Math.min(height, 2 * y + 2); yy++) {
                    for (int xx = 2 * x; xx < Math.min(width, 2 * x + 2); xx++) {
                        any |= hole[yy * width + xx];
                    }
                }
                coarseHole[y * w + x] = any;
            }
        });
        return new Level(w, h, halve(features, Features.CHANNELS, pool), coarseHole);
    }

    /** This level's guide averaged to the next coarser level, as {@link #half} averages the features. */
    float[] halfGuide(ForkJoinPool pool) {
        return halve(guide, 3, pool);
    }

    /** Means of 2x2 blocks (fewer at an odd edge) of {@code channels}-interleaved values. */
    private float[] halve(float[] values, int channels, ForkJoinPool pool) {
        int w = (width + 1) / 2;
        int h = (height + 1) / 2;
        float[] coarse = new float[w * h * channels];
        Rows.each(pool, h, y -> {
            for (int x = 0; x < w; x++) {
                int o = y * w + x;
                int n = 0;
                for (int yy = 2 * y; yy < Math.min(height, 2 * y + 2); yy++) {
                    for (int xx = 2 * x; xx < Math.min(width, 2 * x + 2); xx++) {
                        int i = yy * width + xx;
                        for (int c = 0; c < channels; c++) {
                            coarse[channels * o + c] += values[channels * i + c];
                        }
                        n++;
                    }
                }
                for (int c = 0; c < channels; c++) {
                    coarse[channels * o + c] /= n;
                }
            }
        });
        return coarse;
    }

    /** Per pixel, the distance to the nearest known pixel (0 on known pixels). */
    float[] distance() {
        if (distance == null) {
            distance = Distances.toKnown(hole, width, height);
        }
        return distance;
    }

    /** Largest distance from a hole pixel to the nearest known pixel. */
    float holeRadius() {
        return maximum(distance());
    }

    static float maximum(float[] values) {
        float max = 0;
        for (float v : values) {
            max = Math.max(max, v);
        }
        return max;
    }
}
