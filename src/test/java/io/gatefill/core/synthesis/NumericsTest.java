package io.gatefill.core.synthesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast numerics behind synthesis agree with the exact ones they replace. */
class NumericsTest {
    @Test
    void cubeRootMatchesMathCbrtOverLabsRange() {
        Random random = new Random(3);
        for (int i = 0; i < 200_000; i++) {
            float t = 0.008856f + random.nextFloat() * 1.2f;
            double exact = Math.cbrt(t);
            assertTrue(Math.abs(Lab.cubeRoot(t) - exact) <= 2e-6 * exact, () -> "cube root of " + t);
        }
        assertEquals(1f, Lab.cubeRoot(1f), 1e-6f);
        assertEquals(0.5f, Lab.cubeRoot(0.125f), 1e-6f);
    }

    @Test
    void selectGivesWhatSortingWouldPutThere() {
        Random random = new Random(5);
        for (int round = 0; round < 300; round++) {
            int n = 1 + random.nextInt(400);
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                // few distinct values in some rounds: ties are where partitioning goes wrong
                values[i] = round % 3 == 0 ? random.nextInt(4) : random.nextFloat() * 100;
            }
            if (round % 5 == 0) {
                Arrays.sort(values);
            }
            float[] sorted = values.clone();
            Arrays.sort(sorted);
            int k = random.nextInt(n);
            assertEquals(sorted[k], OrderStatistic.select(values.clone(), k), "round " + round);
        }
        assertThrows(IllegalArgumentException.class, () -> OrderStatistic.select(new float[3], 3));
    }
}
