package io.gatefill.core.synthesis;

import java.util.concurrent.ForkJoinPool;

/**
 * PatchMatch (Barnes et al., SIGGRAPH 2009) over one level: for every target patch, the centre of the
 * known source patch that looks most like it. Distance: squared {@link Features} difference to the
 * current fill,
 * plus {@code guideWeight} times the squared difference between the generator's prediction and the
 * low-passed source, so structure follows the network while the copied pixels keep the photo's detail.
 *
 * <p>Rows are processed in fixed bands of {@link #BAND_ROWS}, in parallel, each band with its own
 * random stream and propagating only inside itself, so the field is the same for any thread count.
 */
final class NearestNeighbourField {
    static final int BAND_ROWS = 32;
    private static final int NONE = -1;

    private final Level level;
    private final int radius;
    private final float guideWeight;
    /** Source patch centre per pixel; {@link #NONE} where the pixel is not a target. */
    final int[] source;
    /** Mean squared distance per patch pixel of each target to its source. */
    final float[] cost;

    NearestNeighbourField(Level level, int radius, float guideWeight) {
        this.level = level;
        this.radius = radius;
        this.guideWeight = level.guide == null ? 0f : guideWeight;
        this.source = new int[level.pixels()];
        this.cost = new float[level.pixels()];
        java.util.Arrays.fill(source, NONE);
    }

    /** Every target gets a random source. */
    void randomise(long seed) {
        int[] sources = level.sources;
        int w = level.width;
        long state = Seeds.mix(seed, 0x5EED);
        for (int i = 0; i < source.length; i++) {
            if (level.target[i] == 0) {
                continue;
            }
            state = Seeds.next(state);
            source[i] = sources[(int) Long.remainderUnsigned(state, sources.length)];
        }
        rescore(w);
    }

    /**
     * Initialises this (finer) field from a field of the next coarser level: each target inherits its
     * parent's source, doubled, plus its own offset within the parent; inherited centres that are not
     * valid sources here are replaced by a random one.
     */
    void upsample(NearestNeighbourField coarse, long seed) {
        Level c = coarse.level;
        int w = level.width;
        int h = level.height;
        int[] sources = level.sources;
        long state = Seeds.mix(seed, 0xC0A25E);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (level.target[i] == 0) {
                    continue;
                }
                int px = Math.min(x / 2, c.width - 1);
                int py = Math.min(y / 2, c.height - 1);
                int parent = coarse.source[py * c.width + px];
                int candidate = NONE;
                if (parent != NONE) {
                    int sx = Math.min(w - 1, 2 * (parent % c.width) + (x & 1));
                    int sy = Math.min(h - 1, 2 * (parent / c.width) + (y & 1));
                    candidate = sy * w + sx;
                }
                if (candidate == NONE || level.source[candidate] == 0) {
                    state = Seeds.next(state);
                    candidate = sources[(int) Long.remainderUnsigned(state, sources.length)];
                }
                source[i] = candidate;
            }
        }
        rescore(w);
    }

    /** Recomputes every target's cost (after the image changed by a vote). */
    void rescore(int w) {
        for (int i = 0; i < source.length; i++) {
            if (source[i] != NONE) {
                int x = i % w;
                int y = i / w;
                cost[i] = distance(x, y, source[i], Float.MAX_VALUE) / patchArea(x, y);
            }
        }
    }

    /**
     * {@code sweeps} PatchMatch iterations in alternating scan order; random search starts at
     * {@code searchRadius} and halves down to one pixel.
     */
    void improve(int sweeps, int searchRadius, long seed, ForkJoinPool pool, Runnable checkCancelled) {
        for (int sweep = 0; sweep < sweeps; sweep++) {
            checkCancelled.run();
            boolean forward = sweep % 2 == 0;
            // Every other sweep the band borders move by half a band, so good matches also cross them.
            int shift = forward ? 0 : BAND_ROWS / 2;
            int bands = (level.height + shift + BAND_ROWS - 1) / BAND_ROWS;
            long sweepSeed = Seeds.mix(seed, sweep);
            Rows.each(pool, bands, b -> {
                int y0 = Math.max(0, b * BAND_ROWS - shift);
                int y1 = Math.min(level.height, (b + 1) * BAND_ROWS - shift) - 1;
                if (y0 <= y1) {
                    improveBand(y0, y1, forward, searchRadius, Seeds.mix(sweepSeed, b));
                }
            });
        }
    }

    private void improveBand(int y0, int y1, boolean forward, int searchRadius, long seed) {
        int w = level.width;
        int h = level.height;
        byte[] valid = level.source;
        byte[] target = level.target;
        int step = forward ? 1 : -1;
        long state = seed;
        int yStart = forward ? y0 : y1;
        int yEnd = forward ? y1 + 1 : y0 - 1;
        for (int y = yStart; y != yEnd; y += step) {
            int xStart = forward ? 0 : w - 1;
            int xEnd = forward ? w : -1;
            for (int x = xStart; x != xEnd; x += step) {
                int i = y * w + x;
                if (target[i] == 0) {
                    continue;
                }
                float area = patchArea(x, y);
                int best = source[i];
                float bestSum = cost[i] * area;
                // Propagation: the neighbour already visited in this sweep, shifted by one pixel.
                int nx = x - step;
                if (nx >= 0 && nx < w && target[i - step] != 0) {
                    int candidate = source[i - step] + step;
                    if (candidate != best && valid[candidate] != 0) {
                        float d = distance(x, y, candidate, bestSum);
                        if (d < bestSum) {
                            bestSum = d;
                            best = candidate;
                        }
                    }
                }
                int ny = y - step;
                if (ny >= y0 && ny <= y1 && target[i - step * w] != 0) {
                    int candidate = source[i - step * w] + step * w;
                    if (candidate != best && valid[candidate] != 0) {
                        float d = distance(x, y, candidate, bestSum);
                        if (d < bestSum) {
                            bestSum = d;
                            best = candidate;
                        }
                    }
                }
                // Random search around the current best, halving the radius each time.
                int bx = best % w;
                int by = best / w;
                for (int r = searchRadius; r >= 1; r /= 2) {
                    state = Seeds.next(state);
                    int cx = bx + (int) Long.remainderUnsigned(state, 2L * r + 1) - r;
                    state = Seeds.next(state);
                    int cy = by + (int) Long.remainderUnsigned(state, 2L * r + 1) - r;
                    if (cx < 0 || cy < 0 || cx >= w || cy >= h) {
                        continue;
                    }
                    int candidate = cy * w + cx;
                    if (candidate == best || valid[candidate] == 0) {
                        continue;
                    }
                    float d = distance(x, y, candidate, bestSum);
                    if (d < bestSum) {
                        bestSum = d;
                        best = candidate;
                        bx = cx;
                        by = cy;
                    }
                }
                source[i] = best;
                cost[i] = bestSum / area;
            }
        }
    }

    /** Number of pixels of the target patch at (x, y) that lie inside the level. */
    float patchArea(int x, int y) {
        int w = Math.min(radius, level.width - 1 - x) + Math.min(radius, x) + 1;
        int h = Math.min(radius, level.height - 1 - y) + Math.min(radius, y) + 1;
        return w * h;
    }

    /**
     * Sum of squared distances between the target patch at (tx, ty), clipped to the level, and the
     * source patch centred at {@code s}; stops early once above {@code bound}.
     */
    float distance(int tx, int ty, int s, float bound) {
        int w = level.width;
        int r = radius;
        int sx = s % w;
        int sy = s / w;
        int x0 = Math.max(-r, -tx);
        int x1 = Math.min(r, w - 1 - tx);
        int y0 = Math.max(-r, -ty);
        int y1 = Math.min(r, level.height - 1 - ty);
        float[] f = level.features;
        float[] guide = level.guide;
        float[] low = level.lowpass;
        float lambda = guideWeight;
        float sum = 0;
        for (int dy = y0; dy <= y1; dy++) {
            int t = (ty + dy) * w + tx + x0;
            int s0 = (sy + dy) * w + sx + x0;
            int ti = Features.CHANNELS * t;
            int si = Features.CHANNELS * s0;
            int end = ti + Features.CHANNELS * (x1 - x0 + 1);
            if (lambda == 0) {
                for (; ti < end; ti += Features.CHANNELS, si += Features.CHANNELS) {
                    float d0 = f[ti] - f[si];
                    float d1 = f[ti + 1] - f[si + 1];
                    float d2 = f[ti + 2] - f[si + 2];
                    float d3 = f[ti + 3] - f[si + 3];
                    float d4 = f[ti + 4] - f[si + 4];
                    sum += d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3 + d4 * d4;
                }
            } else {
                int gi = 3 * t;
                int li = 3 * s0;
                for (; ti < end; ti += Features.CHANNELS, si += Features.CHANNELS, gi += 3, li += 3) {
                    float d0 = f[ti] - f[si];
                    float d1 = f[ti + 1] - f[si + 1];
                    float d2 = f[ti + 2] - f[si + 2];
                    float d3 = f[ti + 3] - f[si + 3];
                    float d4 = f[ti + 4] - f[si + 4];
                    float g0 = guide[gi] - low[li];
                    float g1 = guide[gi + 1] - low[li + 1];
                    float g2 = guide[gi + 2] - low[li + 2];
                    sum += d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3 + d4 * d4
                            + lambda * (g0 * g0 + g1 * g1 + g2 * g2);
                }
            }
            if (sum > bound) {
                return sum;
            }
        }
        return sum;
    }
}
