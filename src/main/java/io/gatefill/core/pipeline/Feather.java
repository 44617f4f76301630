package io.gatefill.core.pipeline;

import io.gatefill.core.synthesis.Distances;

/**
 * Blend weights for compositing: 0 outside the hole (the original pixel is kept exactly), rising inside
 * the hole over {@code width} pixels from its edge to 1, so the fill meets the photo without a hard seam
 * while nothing outside the hole is touched.
 */
final class Feather {
    private Feather() {
    }

    /**
     * Weight of the prediction per pixel, in 1/256 steps (256 = prediction only). Distance is the
     * chessboard distance to the nearest kept pixel; pixels outside the array count as hole, so a hole
     * that reaches the window edge is not feathered against pixels the window cannot see.
     */
    static int[] weights(BinaryMask hole, int width) {
        int cap = width + 1;
        float[] distance = Distances.chessboardToKnown(hole.bits, hole.width, hole.height);
        int[] weight = new int[distance.length];
        for (int i = 0; i < weight.length; i++) {
            int d = (int) Math.min(distance[i], cap);
            weight[i] = d >= cap ? 256 : d * 256 / cap;
        }
        return weight;
    }
}
