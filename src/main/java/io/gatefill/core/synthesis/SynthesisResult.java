package io.gatefill.core.synthesis;

/**
 * A finished synthesis: the window's pixels with the hole filled (every other pixel is the input's,
 * untouched), the full-resolution nearest-neighbour field (per pixel, the centre of the known source
 * patch its target patch copies from, or -1 where the pixel centres no target), and per-stage times.
 *
 * @param patchRadius the radius actually used (smaller than asked when no patch of that size fits)
 * @param levelNanos  matching time per pyramid level, finest first
 */
public record SynthesisResult(int[] pixels, int[] sourceCentres, int patchRadius, long[] levelNanos,
                              long voteNanos, long blendNanos) {
    public int levels() {
        return levelNanos.length;
    }
}
