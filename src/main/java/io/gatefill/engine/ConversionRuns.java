package io.gatefill.engine;

import java.util.Arrays;

/** Milliseconds per run of the Translator's two conversions alone: pixels to tensors, tensor to pixels. */
public record ConversionRuns(double[] inMs, double[] outMs) {
    public double medianIn() {
        return median(inMs);
    }

    public double medianOut() {
        return median(outMs);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
