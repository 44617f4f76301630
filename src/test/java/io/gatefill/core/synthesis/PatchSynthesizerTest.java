package io.gatefill.core.synthesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What the patch synthesis promises: periodic texture comes back in phase, only known pixels are
 * copied, nothing outside the hole changes, a seed fixes the result, and awkward holes still fill.
 */
class PatchSynthesizerTest {
    private static final SynthesisSettings SETTINGS = SynthesisSettings.defaults().withThreads(2);

    /** Bricks: rows of 24x10 bricks with 2-px grey mortar, every other row offset by half a brick. */
    static int[] bricks(int w, int h) {
        int[] p = new int[w * h];
        for (int y = 0; y < h; y++) {
            int row = y / 12;
            for (int x = 0; x < w; x++) {
                int xs = x + (row % 2) * 13;
                boolean mortar = y % 12 >= 10 || xs % 26 >= 24;
                int shade = (xs / 26 + row) % 3 * 12;
                p[y * w + x] = mortar ? 0xFFB0B0A8 : 0xFF000000 | (150 + shade) << 16 | (60 + shade / 2) << 8 | 40;
            }
        }
        return p;
    }

    static int[] checkerboard(int w, int h, int cell) {
        int[] p = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                p[y * w + x] = ((x / cell + y / cell) % 2 == 0) ? 0xFF202020 : 0xFFE0E0E0;
            }
        }
        return p;
    }

    static int[] stripes(int w, int h, int period) {
        int[] p = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = 0.5 + 0.5 * Math.sin(2 * Math.PI * (x + 0.5 * y) / period);
                int c = (int) Math.round(40 + 180 * v);
                p[y * w + x] = 0xFF000000 | c << 16 | (255 - c) << 8 | 128;
            }
        }
        return p;
    }

    static byte[] disc(int w, int h, int cx, int cy, int r) {
        byte[] hole = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) {
                    hole[y * w + x] = 1;
                }
            }
        }
        return hole;
    }

    static byte[] box(int w, int h, int x0, int y0, int bw, int bh) {
        byte[] hole = new byte[w * h];
        for (int y = y0; y < y0 + bh; y++) {
            for (int x = x0; x < x0 + bw; x++) {
                hole[y * w + x] = 1;
            }
        }
        return hole;
    }

    /** Mean absolute channel error over the hole. */
    static double holeError(int[] truth, int[] filled, byte[] hole) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < hole.length; i++) {
            if (hole[i] == 0) {
                continue;
            }
            for (int shift = 0; shift <= 16; shift += 8) {
                sum += Math.abs(((truth[i] >> shift) & 0xFF) - ((filled[i] >> shift) & 0xFF));
            }
            n += 3;
        }
        return sum / n;
    }

    /** The diffusion baseline (push-pull, like OpenCV's Telea/Navier-Stokes a smooth continuation). */
    static int[] smooth(int[] argb, byte[] hole, int w, int h) {
        float[] rgb = new float[3 * argb.length];
        byte[] known = new byte[argb.length];
        for (int i = 0; i < argb.length; i++) {
            rgb[3 * i] = (argb[i] >> 16) & 0xFF;
            rgb[3 * i + 1] = (argb[i] >> 8) & 0xFF;
            rgb[3 * i + 2] = argb[i] & 0xFF;
            known[i] = (byte) (1 - hole[i]);
        }
        SmoothFill.fill(rgb, known, w, h, 3);
        int[] out = argb.clone();
        for (int i = 0; i < out.length; i++) {
            if (hole[i] != 0) {
                out[i] = 0xFF000000 | Math.round(rgb[3 * i]) << 16 | Math.round(rgb[3 * i + 1]) << 8 | Math.round(rgb[3 * i + 2]);
            }
        }
        return out;
    }

    @Test
    void periodicTexturesComeBackInPhase() {
        int w = 160;
        int h = 160;
        for (int[] texture : new int[][] {bricks(w, h), checkerboard(w, h, 8), stripes(w, h, 11)}) {
            byte[] hole = disc(w, h, 80, 80, 30);
            int[] input = texture.clone();
            for (int i = 0; i < input.length; i++) {
                if (hole[i] != 0) {
                    input[i] = 0xFFFF00FF; // what is under the hole must not matter
                }
            }
            int[] filled = PatchSynthesizer.fill(input, w, h, hole, null, SETTINGS, null).pixels();
            double synthesis = holeError(texture, filled, hole);
            double diffusion = holeError(texture, smooth(input, hole, w, h), hole);
            assertThat(synthesis).as("synthesis error %.2f vs diffusion %.2f", synthesis, diffusion)
                    .isLessThan(0.15 * diffusion);
        }
    }

    @Test
    void copiesOnlyKnownPatchesAndChangesNothingOutsideTheHole() {
        int w = 120;
        int h = 90;
        int[] input = bricks(w, h);
        byte[] hole = disc(w, h, 50, 40, 20);
        SynthesisResult result = PatchSynthesizer.fill(input, w, h, hole, null, SETTINGS, null);
        int r = result.patchRadius();
        int targets = 0;
        for (int t = 0; t < w * h; t++) {
            int s = result.sourceCentres()[t];
            if (s < 0) {
                continue;
            }
            targets++;
            int sx = s % w;
            int sy = s / w;
            assertThat(sx).isBetween(r, w - 1 - r);
            assertThat(sy).isBetween(r, h - 1 - r);
            for (int dy = -r; dy <= r; dy++) {
                for (int dx = -r; dx <= r; dx++) {
                    assertThat(hole[(sy + dy) * w + sx + dx]).as("source of target %d covers a hole pixel", t).isZero();
                }
            }
        }
        assertThat(targets).isGreaterThan(0);
        for (int i = 0; i < input.length; i++) {
            if (hole[i] == 0) {
                assertThat(result.pixels()[i]).isEqualTo(input[i]);
            }
        }
    }

    @Test
    void theSeedFixesTheFillAndAnotherSeedVariesIt() {
        int w = 128;
        int h = 96;
        int[] input = stripes(w, h, 13);
        for (int i = 0; i < input.length; i++) {
            input[i] ^= (int) (Seeds.next(i) & 0x0F0F0F); // noise, so matches are not all equally good
        }
        byte[] hole = disc(w, h, 60, 50, 22);
        int[] a = PatchSynthesizer.fill(input, w, h, hole, null, SETTINGS.withSeed(7), null).pixels();
        int[] b = PatchSynthesizer.fill(input, w, h, hole, null, SETTINGS.withSeed(7).withThreads(1), null).pixels();
        int[] c = PatchSynthesizer.fill(input, w, h, hole, null, SETTINGS.withSeed(8), null).pixels();
        assertThat(b).as("same seed, other thread count").isEqualTo(a);
        assertThat(c).as("another seed").isNotEqualTo(a);
    }

    @Test
    void holesAtBordersAndCornersAndLargeHolesFill() {
        int w = 100;
        int h = 80;
        int[] input = checkerboard(w, h, 6);
        byte[][] holes = {box(w, h, 0, 0, 30, 25), box(w, h, w - 20, h - 30, 20, 30), box(w, h, 30, 0, 40, h),
                box(w, h, 0, 0, 78, 62) /* about 60 % */};
        for (byte[] hole : holes) {
            int[] filled = PatchSynthesizer.fill(input, w, h, hole, null, SETTINGS, null).pixels();
            double synthesis = holeError(input, filled, hole);
            double diffusion = holeError(input, smooth(input, hole, w, h), hole);
            assertThat(synthesis).isLessThan(diffusion);
            for (int i = 0; i < filled.length; i++) {
                if (hole[i] == 0) {
                    assertThat(filled[i]).isEqualTo(input[i]);
                }
            }
        }
    }

    @Test
    void aPhotoTooSmallForAnyPatchGetsASmoothFill() {
        int[] input = new int[81];
        for (int i = 0; i < 81; i++) {
            input[i] = 0xFF000000 | (i % 9) * 28 << 16 | (i / 9) * 28;
        }
        byte[] hole = box(9, 9, 2, 2, 5, 5);
        SynthesisResult result = PatchSynthesizer.fill(input, 9, 9, hole, null, SETTINGS, null);
        int centre = result.pixels()[4 * 9 + 4];
        // Between the colours around it: red ~ column 4, blue ~ row 4.
        assertThat((centre >> 16) & 0xFF).isBetween(60, 170);
        assertThat(centre & 0xFF).isBetween(60, 170);
        assertThat(result.pixels()[0]).isEqualTo(input[0]);
    }

    @Test
    void aGuideSteersColourWhileTextureComesFromThePhoto() {
        int w = 160;
        int h = 120;
        // Left half red bricks, right half the same bricks in blue; the hole straddles the border, so
        // without a guide about half of it comes from each side.
        int[] input = bricks(w, h);
        for (int i = 0; i < input.length; i++) {
            if (i % w >= w / 2) {
                int p = input[i];
                input[i] = (p & 0xFF000000) | (p & 0xFF) << 16 | (p & 0xFF00) | (p >> 16) & 0xFF;
            }
        }
        byte[] hole = box(w, h, 50, 30, 60, 60);
        double towardsBlue = bluishShare(input, w, h, hole, 0xFF3C2896);
        double towardsRed = bluishShare(input, w, h, hole, 0xFF96283C);
        assertThat(towardsBlue).as("share of bluish hole pixels, guide blue-ish").isGreaterThan(0.7);
        assertThat(towardsRed).as("share of bluish hole pixels, guide red-ish").isLessThan(0.3);
    }

    /** Fills the hole with a flat guide colour in it (what the "model" says) and counts bluish pixels. */
    private static double bluishShare(int[] input, int w, int h, byte[] hole, int guideColour) {
        int[] guide = input.clone();
        for (int i = 0; i < guide.length; i++) {
            if (hole[i] != 0) {
                guide[i] = guideColour;
            }
        }
        int[] guided = PatchSynthesizer.fill(input, w, h, hole, guide, SETTINGS, null).pixels();
        int blue = 0;
        int holes = 0;
        for (int i = 0; i < hole.length; i++) {
            if (hole[i] != 0) {
                holes++;
                if ((guided[i] & 0xFF) > ((guided[i] >> 16) & 0xFF)) {
                    blue++;
                }
            }
        }
        return (double) blue / holes;
    }

    @Test
    void cancellingStopsBetweenSweeps() {
        int w = 96;
        int h = 96;
        AtomicInteger asked = new AtomicInteger();
        SynthesisMonitor cancelAtOnce = new SynthesisMonitor() {
            @Override
            public void progress(double fraction, String stage) {
            }

            @Override
            public boolean cancelled() {
                return asked.incrementAndGet() > 1;
            }
        };
        assertThatThrownBy(() -> PatchSynthesizer.fill(bricks(w, h), w, h, disc(w, h, 40, 40, 20), null, SETTINGS,
                cancelAtOnce)).isInstanceOf(CancellationException.class);
        assertThat(asked.get()).isEqualTo(2);
    }

    @Test
    void refusesAHoleWithoutContext() {
        byte[] all = new byte[16];
        java.util.Arrays.fill(all, (byte) 1);
        assertThatThrownBy(() -> PatchSynthesizer.fill(new int[16], 4, 4, all, null, SETTINGS, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
