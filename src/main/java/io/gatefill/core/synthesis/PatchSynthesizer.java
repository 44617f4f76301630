package io.gatefill.core.synthesis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ForkJoinPool;

/**
 * Multi-scale patch-based completion at full resolution (Wexler et al., PAMI 2007, with PatchMatch
 * fields, Barnes et al. 2009): a pyramid down to where the hole is a few patches across; per level
 * nearest-neighbour fields from every hole patch to a known patch, alternating with voting; each
 * level's field is upsampled to start the next. With a guide (the generator's prediction at the
 * window's size) the hole starts from it and every match also compares it with the low-passed source,
 * so lines and colours follow the network and texture comes from the photo. A membrane blend removes
 * any colour step at the border. Pure Java; deterministic for a seed whatever the thread count.
 */
public final class PatchSynthesizer {
    /** Hole pixels this close to the border take the mean vote, so the fill meets the photo smoothly. */
    private static final float AVERAGED_BORDER = 2.5f;

    private PatchSynthesizer() {
    }

    /**
     * Fills the hole of one window.
     *
     * @param argb  the window's pixels, row-major, {@code width * height}; read only
     * @param hole  1 (or any non-zero) = pixel to fill; must leave at least one pixel known
     * @param guide the prediction to follow, same layout as {@code argb}, or null for patches alone
     * @throws CancellationException when the monitor asks to stop
     */
    public static SynthesisResult fill(int[] argb, int width, int height, byte[] hole, int[] guide,
                                       SynthesisSettings settings, SynthesisMonitor monitor) {
        int n = width * height;
        if (argb.length != n || hole.length != n || (guide != null && guide.length != n)) {
            throw new IllegalArgumentException("pixels, hole and guide must all have width * height entries");
        }
        byte[] holeBits = new byte[n];
        int holes = 0;
        for (int i = 0; i < n; i++) {
            holeBits[i] = (byte) (hole[i] != 0 ? 1 : 0);
            holes += holeBits[i];
        }
        if (holes == 0) {
            return new SynthesisResult(argb.clone(), new int[n], settings.patchRadius(), new long[0], 0, 0);
        }
        if (holes == n) {
            throw new IllegalArgumentException("the hole covers the whole window: nothing to copy from");
        }
        SynthesisMonitor watch = monitor == null ? SynthesisMonitor.NONE : monitor;
        ForkJoinPool pool = new ForkJoinPool(settings.threads());
        try {
            float[] distance = Distances.toKnown(holeBits, width, height);
            int depth = expectedLevels(Level.maximum(distance), width, height, settings);
            Level finest = new Level(width, height, Features.of(argb, holeBits, width, height, 1 << (depth - 1),
                    settings.textureWeight(), pool), holeBits, distance);
            int radius = settings.patchRadius();
            while (!finest.prepare(radius, settings.borderConfidence(), pool) && radius > 1) {
                radius--;
            }
            if (finest.sources.length == 0) {
                return smoothOnly(argb, holeBits, width, height, radius);
            }
            List<Level> levels = pyramid(finest, radius, settings, pool);
            if (guide != null) {
                attachGuide(levels, Lab.fromArgb(guide, pool), settings, pool);
            }
            return synthesise(argb, levels, radius, settings, watch, pool);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The prediction (Lab, finest level) averaged down the pyramid; on levels that compare it, its known
     * pixels become the level's low-passed sources, which every match compares with it.
     */
    private static void attachGuide(List<Level> levels, float[] finestGuide, SynthesisSettings settings,
                                    ForkJoinPool pool) {
        levels.get(0).guide = finestGuide;
        for (int k = 1; k < levels.size(); k++) {
            levels.get(k).guide = levels.get(k - 1).halfGuide(pool);
        }
        for (int k = 0; k < levels.size(); k++) {
            Level level = levels.get(k);
            if (settings.guideWeightAt(k, levels.size()) == 0) {
                continue;
            }
            level.lowpass = LowPass.blurKnown(level.features, Features.CHANNELS, level.hole, level.width,
                    level.height, settings.guideBlur() / Math.pow(2, k), pool);
            for (int i = 0; i < level.pixels(); i++) {
                if (level.hole[i] == 0) {
                    System.arraycopy(level.lowpass, 3 * i, level.guide, 3 * i, 3);
                }
            }
        }
    }

    private static SynthesisResult synthesise(int[] argb, List<Level> levels, int radius, SynthesisSettings settings,
                                              SynthesisMonitor monitor, ForkJoinPool pool) {
        int top = levels.size() - 1;
        long[] levelNanos = new long[levels.size()];
        double totalWork = 0;
        for (int k = 0; k <= top; k++) {
            totalWork += (double) settings.iterationsAt(k, levels.size()) * levels.get(k).pixels();
        }
        double done = 0;
        Runnable checkCancelled = () -> {
            if (monitor.cancelled()) {
                throw new CancellationException("synthesis cancelled");
            }
        };
        NearestNeighbourField field = null;
        for (int k = top; k >= 0; k--) {
            long start = System.nanoTime();
            Level level = levels.get(k);
            NearestNeighbourField next = new NearestNeighbourField(level, radius,
                    settings.guideWeightAt(k, levels.size()));
            long levelSeed = Seeds.mix(settings.seed(), k);
            if (field == null) {
                startCoarsest(level);
                next.randomise(levelSeed);
            } else {
                next.upsample(field, levelSeed);
                Voting.voteLab(level, next, radius, pool);
                next.rescore(level.width);
            }
            field = next;
            int iterations = settings.iterationsAt(k, levels.size());
            int searchRadius = k == top ? Math.max(level.width, level.height)
                    : Math.min(Math.max(level.width, level.height), settings.fineSearchRadius());
            for (int it = 0; it < iterations; it++) {
                monitor.progress(done / totalWork, "Matching patches, level " + (k + 1) + " of " + levels.size());
                field.improve(settings.matchIterations(), searchRadius, Seeds.mix(levelSeed, 1000 + it), pool,
                        checkCancelled);
                if (k > 0 || it < iterations - 1) {
                    Voting.voteLab(level, field, radius, pool);
                    field.rescore(level.width);
                }
                done += level.pixels();
            }
            levelNanos[k] = System.nanoTime() - start;
        }
        checkCancelled.run();
        monitor.progress(1.0, "Blending");
        Level finest = levels.get(0);
        int w = finest.width;
        int h = finest.height;
        long voteStart = System.nanoTime();
        byte[] ring = SeamBlend.ring(finest.hole, w, h);
        byte[] where = new byte[finest.pixels()];
        byte[] averaged = new byte[finest.pixels()];
        float[] depth = finest.distance();
        for (int i = 0; i < where.length; i++) {
            where[i] = (byte) (finest.hole[i] | ring[i]);
            averaged[i] = (byte) (ring[i] != 0 || (finest.hole[i] != 0 && depth[i] <= AVERAGED_BORDER) ? 1 : 0);
        }
        float[] rgb = Voting.voteRgb(finest, field, radius, argb, where, averaged, pool);
        long blendStart = System.nanoTime();
        if (settings.blendSeams()) {
            SeamBlend.blend(rgb, argb, finest.hole, ring, w, h, SeamBlend.SWEEPS, pool);
        }
        int[] out = Rgb.intoHole(argb, finest.hole, rgb);
        long end = System.nanoTime();
        return new SynthesisResult(out, field.source.clone(), radius, levelNanos, blendStart - voteStart, end - blendStart);
    }

    /**
     * The hole at the coarsest level starts as a smooth blend of its border, colours replaced by the
     * guide where there is one.
     */
    private static void startCoarsest(Level level) {
        byte[] known = new byte[level.pixels()];
        for (int i = 0; i < known.length; i++) {
            known[i] = (byte) (1 - level.hole[i]);
        }
        SmoothFill.fill(level.features, known, level.width, level.height, Features.CHANNELS);
        if (level.guide != null) {
            for (int i = 0; i < level.pixels(); i++) {
                if (level.hole[i] != 0) {
                    System.arraycopy(level.guide, 3 * i, level.features, Features.CHANNELS * i, 3);
                }
            }
        }
    }

    /** How many levels {@link #pyramid} will build, from the hole's radius (texture needs it first). */
    private static int expectedLevels(float holeRadius, int w, int h, SynthesisSettings settings) {
        float radius = holeRadius;
        int levels = 1;
        int side = Math.min(w, h);
        while (radius > settings.coarsestHoleRadius() && side / 2 >= settings.minCoarsestSide()) {
            radius /= 2;
            side /= 2;
            levels++;
        }
        return levels;
    }

    /** Halves the finest level until the hole is small, keeping only levels that still have sources. */
    private static List<Level> pyramid(Level finest, int radius, SynthesisSettings settings, ForkJoinPool pool) {
        List<Level> levels = new ArrayList<>();
        levels.add(finest);
        Level top = finest;
        while (top.holeRadius() > settings.coarsestHoleRadius()
                && Math.min(top.width, top.height) / 2 >= settings.minCoarsestSide()) {
            Level next = top.half(pool);
            if (!next.prepare(radius, settings.borderConfidence(), pool)) {
                break;
            }
            levels.add(next);
            top = next;
        }
        return levels;
    }

    /** Where no patch fits (a few pixels of photo), the hole gets a smooth blend of its border. */
    private static SynthesisResult smoothOnly(int[] argb, byte[] hole, int w, int h, int radius) {
        float[] rgb = Rgb.of(argb);
        byte[] known = new byte[argb.length];
        for (int i = 0; i < argb.length; i++) {
            known[i] = (byte) (1 - hole[i]);
        }
        SmoothFill.fill(rgb, known, w, h, 3);
        int[] none = new int[argb.length];
        java.util.Arrays.fill(none, -1);
        return new SynthesisResult(Rgb.intoHole(argb, hole, rgb), none, radius, new long[0], 0, 0);
    }
}
