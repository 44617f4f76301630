package io.gatefill.tools;

import io.gatefill.engine.EngineOptions;
import io.gatefill.engine.ModelFiles;
import io.gatefill.engine.RawTensors;
import io.gatefill.engine.djl.DjlInpaintEngine;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Two TorchScript exports of one generator (say plain and frozen) loaded side by side in one JVM through
 * the real DJL engine, their forward passes alternated on the same input so that load from other
 * processes hits both alike; prints the median and minimum times and the largest output difference
 * where the contract defines the prediction (within 8 px of the hole).
 * Usage: {@code ForwardComparison MODEL_A MODEL_B [size ...]} (defaults 256 384 512).
 */
public final class ForwardComparison {
    /** The model contract defines the prediction this close to the hole (docs/architecture.md). */
    private static final int EXACT_MARGIN_PX = 8;

    private ForwardComparison() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length > 2
                ? Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {256, 384, 512};
        try (DjlInpaintEngine a = DjlInpaintEngine.load(ModelFiles.of(Path.of(args[0])), EngineOptions.defaults(), (p, f) -> { });
             DjlInpaintEngine b = DjlInpaintEngine.load(ModelFiles.of(Path.of(args[1])), EngineOptions.defaults(), (p, f) -> { })) {
            for (int n : sizes) {
                RawTensors input = input(n);
                float[] outA = a.forward(input);
                float[] outB = b.forward(input);
                boolean[] defined = nearHole(input.mask(), n, EXACT_MARGIN_PX);
                double maxDiff = 0;
                for (int i = 0; i < outA.length; i++) {
                    if (defined[i % (n * n)]) {
                        maxDiff = Math.max(maxDiff, Math.abs(outA[i] - outB[i]));
                    }
                }
                int rounds = n >= 512 ? 7 : 15;
                double[] ta = new double[rounds];
                double[] tb = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    ta[r] = time(a, input);
                    tb[r] = time(b, input);
                }
                Arrays.sort(ta);
                Arrays.sort(tb);
                System.out.printf(Locale.ROOT, "%d x %d: A median %.1f ms (min %.1f), B median %.1f ms (min %.1f), "
                                + "B/A %.3f (min %.3f), max |A-B| %.2e%n", n, n, ta[rounds / 2], ta[0], tb[rounds / 2],
                        tb[0], tb[rounds / 2] / ta[rounds / 2], tb[0] / ta[0], maxDiff);
            }
        }
    }

    /** Pixels within {@code margin} (Chebyshev distance) of a hole pixel of the n x n mask. */
    private static boolean[] nearHole(float[] mask, int n, int margin) {
        boolean[] near = new boolean[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                if (mask[y * n + x] > 0) {
                    for (int yy = Math.max(0, y - margin); yy <= Math.min(n - 1, y + margin); yy++) {
                        Arrays.fill(near, yy * n + Math.max(0, x - margin), yy * n + Math.min(n - 1, x + margin) + 1, true);
                    }
                }
            }
        }
        return near;
    }

    private static double time(DjlInpaintEngine engine, RawTensors input) throws Exception {
        long t = System.nanoTime();
        engine.forward(input);
        return (System.nanoTime() - t) / 1e6;
    }

    /** A random photo with a centred object-sized hole (a quarter of the side square), no sketch. */
    private static RawTensors input(int n) {
        Random random = new Random(n);
        float[] image = new float[3 * n * n];
        for (int i = 0; i < image.length; i++) {
            image[i] = random.nextFloat() * 2 - 1;
        }
        float[] mask = new float[n * n];
        for (int y = n / 4; y < n / 2; y++) {
            Arrays.fill(mask, y * n + n / 4, y * n + 3 * n / 4, 1f);
        }
        return new RawTensors(image, mask, new float[n * n], n, n);
    }
}
