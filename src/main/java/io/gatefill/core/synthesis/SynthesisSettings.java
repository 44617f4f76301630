package io.gatefill.core.synthesis;

/**
 * Tuning of the multi-scale patch synthesis. The defaults were chosen by measuring fills of object
 * holes on held-out photos (README, "Detail synthesis"); tests may shrink them for speed.
 *
 * @param patchRadius         patches are (2r+1)^2 pixels; 3 gives the 7x7 patches of the literature
 * @param coarsestHoleRadius  the pyramid goes down until no hole pixel is farther than this from a
 *                            known pixel, so the coarsest hole is a few patches across
 * @param minCoarsestSide     ... but never below this side, so enough source patches remain
 * @param coarseIterations    EM iterations (match, then vote) at the coarsest level
 * @param fineIterations      EM iterations at the finest level; levels between interpolate
 * @param matchIterations     PatchMatch sweeps per EM iteration, alternating scan order
 * @param fineSearchRadius    random search starts at this radius on every level but the coarsest,
 *                            whose field is random and needs the whole level
 * @param guideWeight         weight of the distance to the generator's prediction (hybrid), relative
 *                            to the distance to the current fill, at the coarsest level
 * @param fineGuideWeight     where the geometric steps from {@code guideWeight} end: the weight the
 *                            full-resolution level would get (it gets none, see guideWeightAt); lower,
 *                            because structure is settled coarse and fine texture is the photo's
 * @param guideBlur           Gaussian sigma, in full-resolution pixels, of the low-pass applied to
 *                            source patches before they are compared with the blurry prediction
 * @param textureWeight       weight of the texture channels of {@link Features} in the patch distance
 * @param borderConfidence    vote weight falls by this factor per pixel of distance from the known
 *                            border, since patches near it match real context most reliably
 * @param blendSeams          spread the photo-minus-fill difference on the hole's border over the
 *                            hole (membrane blend); off only to measure what it does
 * @param seed                same seed, same fill; "Fill again" takes another
 * @param threads             worker threads (the result does not depend on it)
 */
public record SynthesisSettings(int patchRadius, int coarsestHoleRadius, int minCoarsestSide,
                                int coarseIterations, int fineIterations, int matchIterations,
                                int fineSearchRadius, float guideWeight, float fineGuideWeight, float guideBlur,
                                float textureWeight, float borderConfidence, boolean blendSeams, long seed,
                                int threads) {
    /** The most worker threads a synthesis may use; more only adds scheduling on a desktop CPU. */
    public static final int MAX_THREADS = 64;

    public SynthesisSettings {
        if (patchRadius < 1 || patchRadius > 8 || coarsestHoleRadius < 1 || minCoarsestSide < 4
                || coarseIterations < 1 || fineIterations < 1 || matchIterations < 1 || fineSearchRadius < 1
                || guideWeight < 0 || fineGuideWeight < 0 || guideBlur < 0 || textureWeight < 0 || borderConfidence < 1) {
            throw new IllegalArgumentException("invalid synthesis settings");
        }
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be 1-" + MAX_THREADS + ", not " + threads);
        }
    }

    public static SynthesisSettings defaults() {
        return new SynthesisSettings(3, 8, 24, 8, 1, 2, 24, 8.0f, 0.1f, 8.0f, 96.0f, 1.3f, true, 0L,
                Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()));
    }

    public SynthesisSettings withSeed(long newSeed) {
        return new SynthesisSettings(patchRadius, coarsestHoleRadius, minCoarsestSide, coarseIterations,
                fineIterations, matchIterations, fineSearchRadius, guideWeight, fineGuideWeight, guideBlur,
                textureWeight, borderConfidence, blendSeams, newSeed, threads);
    }

    public SynthesisSettings withThreads(int newThreads) {
        return new SynthesisSettings(patchRadius, coarsestHoleRadius, minCoarsestSide, coarseIterations,
                fineIterations, matchIterations, fineSearchRadius, guideWeight, fineGuideWeight, guideBlur,
                textureWeight, borderConfidence, blendSeams, seed, newThreads);
    }

    /**
     * Guide weight at {@code level} of {@code levels} (0 = finest): geometric steps from coarsest to finest,
     * except that the full-resolution level of a pyramid is unguided. By then the coarser levels have fixed
     * structure and colour, and the guide, a prediction low-passed by a few pixels, says nothing about
     * texture; comparing it made that level 2.6x slower than without a guide, and dropping it changed the
     * 512-px evaluation by 0.01 dB (docs/bench/synthesis.md).
     */
    float guideWeightAt(int level, int levels) {
        if (level == 0 && levels > 1) {
            return 0f;
        }
        if (levels <= 1 || guideWeight == 0 || fineGuideWeight == 0) {
            return level == levels - 1 && levels > 1 ? guideWeight : fineGuideWeight;
        }
        double t = (double) level / (levels - 1);
        return (float) (fineGuideWeight * Math.pow(guideWeight / fineGuideWeight, t));
    }

    /** EM iterations at {@code level} of {@code levels} (0 = finest), from coarse to fine linearly. */
    int iterationsAt(int level, int levels) {
        if (levels <= 1) {
            return coarseIterations;
        }
        double t = (double) level / (levels - 1);
        return (int) Math.round(fineIterations + t * (coarseIterations - fineIterations));
    }
}
