package io.gatefill.core.synthesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * The seam blend spreads the photo-minus-estimate difference on the ring harmonically over the hole:
 * a constant difference is removed everywhere, a linear one is reproduced, pixels outside the hole
 * are left alone, and the red-black sweeps give the same floats on one thread and on several.
 */
class SeamBlendTest {
    private static final int W = 80;
    private static final int H = 60;

    /** A disc hole away from the window's edges, plus a strip touching its right edge. */
    private static byte[] hole() {
        byte[] hole = new byte[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                boolean disc = (x - 30) * (x - 30) + (y - 28) * (y - 28) <= 15 * 15;
                boolean strip = x >= 70 && y >= 20 && y < 30;
                hole[y * W + x] = (byte) (disc || strip ? 1 : 0);
            }
        }
        return hole;
    }

    private static int grey(int v) {
        return 0xFF000000 | v << 16 | v << 8 | v;
    }

    private static float[] blended(int[] photo, float estimate, byte[] hole, ForkJoinPool pool, int sweeps) {
        float[] fill = new float[3 * W * H];
        java.util.Arrays.fill(fill, estimate);
        return SeamBlend.blend(fill, photo, hole, SeamBlend.ring(hole, W, H), W, H, sweeps, pool);
    }

    @Test
    void removesAConstantStepAndLeavesKnownPixelsAlone() {
        byte[] hole = hole();
        int[] photo = new int[W * H];
        java.util.Arrays.fill(photo, grey(100));
        float[] out = blended(photo, 130f, hole, null, 200);
        for (int i = 0; i < W * H; i++) {
            if (hole[i] != 0) {
                assertThat(out[3 * i]).as("hole pixel %d", i).isCloseTo(100f, within(0.5f));
            } else {
                assertThat(out[3 * i + 1]).as("known pixel %d", i).isEqualTo(130f);
            }
        }
    }

    @Test
    void reproducesALinearDifference() {
        byte[] hole = hole();
        int[] photo = new int[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                photo[y * W + x] = grey(40 + 2 * x);
            }
        }
        float[] out = blended(photo, 0f, hole, null, 400);
        double worst = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < 60; x++) { // the disc; the strip's open right side is Neumann, not linear
                if (hole[y * W + x] != 0) {
                    worst = Math.max(worst, Math.abs(out[3 * (y * W + x) + 2] - (40 + 2 * x)));
                }
            }
        }
        assertThat(worst).as("largest error against the linear ramp").isLessThan(1.0);
    }

    @Test
    void sameFloatsWhateverTheThreadCount() {
        byte[] hole = hole();
        int[] photo = new int[W * H];
        for (int i = 0; i < photo.length; i++) {
            photo[i] = grey((i * 37) % 251);
        }
        ForkJoinPool two = new ForkJoinPool(2);
        try {
            assertThat(blended(photo, 90f, hole, two, 40)).containsExactly(blended(photo, 90f, hole, null, 40));
        } finally {
            two.shutdownNow();
        }
    }

    @Test
    void meetPhotoCorrectsOnlyTheHoleOfAPredictionAsTheWholeWindowSolveWould() {
        byte[] hole = hole();
        for (int y = 5; y < 12; y++) {
            for (int x = 0; x < 9; x++) {
                hole[y * W + x] = 1; // touches the window's left edge
            }
        }
        for (int x = 40; x < 46; x++) {
            hole[x] = 1; // and its top edge
        }
        int[] photo = new int[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                photo[y * W + x] = 0xFF000000 | (60 + x) << 16 | (90 + (y % 7) * 3) << 8 | (200 - y);
            }
        }
        int[] prediction = new int[W * H];
        float[] whole = new float[3 * W * H];
        for (int i = 0; i < W * H; i++) {
            int v = 130 + (i * 13) % 17;
            prediction[i] = 0x80000000 | v << 16 | (v - 20) << 8 | (v + 30);
            whole[3 * i] = v;
            whole[3 * i + 1] = v - 20;
            whole[3 * i + 2] = v + 30;
        }
        int[] before = prediction.clone();
        SeamBlend.blend(whole, photo, hole, SeamBlend.ring(hole, W, H), W, H, SeamBlend.SWEEPS, null);
        int[] out = SeamBlend.meetPhoto(prediction, photo, hole, W, H);
        assertThat(out).isSameAs(prediction);
        for (int i = 0; i < W * H; i++) {
            if (hole[i] != 0) {
                int expected = 0x80000000 | channel(whole[3 * i]) << 16 | channel(whole[3 * i + 1]) << 8
                        | channel(whole[3 * i + 2]);
                assertThat(out[i]).as("hole pixel %d", i).isEqualTo(expected);
            } else {
                assertThat(out[i]).as("known pixel %d", i).isEqualTo(before[i]);
            }
        }
        assertThat(out[8 * W + 4]).as("the edge hole was corrected").isNotEqualTo(before[8 * W + 4]);
    }

    private static int channel(float v) {
        return Math.max(0, Math.min(255, Math.round(v)));
    }

    @Test
    void meetPhotoRefusesArraysOfTheWrongSize() {
        assertThatThrownBy(() -> SeamBlend.meetPhoto(new int[W * H], new int[W * H - 1], hole(), W, H))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("80x60");
    }

    @Test
    void meetPhotoRemovesAConstantStep() {
        byte[] hole = hole();
        int[] photo = new int[W * H];
        java.util.Arrays.fill(photo, grey(100));
        int[] prediction = new int[W * H];
        java.util.Arrays.fill(prediction, grey(130));
        SeamBlend.meetPhoto(prediction, photo, hole, W, H);
        for (int i = 0; i < W * H; i++) {
            assertThat(prediction[i]).as("pixel %d", i).isEqualTo(hole[i] != 0 ? grey(100) : grey(130));
        }
    }
}
