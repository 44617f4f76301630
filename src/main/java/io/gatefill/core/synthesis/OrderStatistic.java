package io.gatefill.core.synthesis;

/**
 * The k-th smallest of an array in linear expected time (quickselect), for the vote's cost percentile:
 * sorting all of a large hole's costs for one value took as long as the vote that used it.
 */
final class OrderStatistic {
    private OrderStatistic() {
    }

    /** The value {@code Arrays.sort(values)} would put at index {@code k}; reorders {@code values}. */
    static float select(float[] values, int k) {
        if (k < 0 || k >= values.length) {
            throw new IllegalArgumentException("index " + k + " outside 0.." + (values.length - 1));
        }
        int lo = 0;
        int hi = values.length - 1;
        while (lo < hi) {
            // median of three as the pivot: already-sorted runs (common in cost arrays) stay linear
            int mid = (lo + hi) >>> 1;
            float pivot = median(values[lo], values[mid], values[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (Float.compare(values[i], pivot) < 0) {
                    i++;
                }
                while (Float.compare(values[j], pivot) > 0) {
                    j--;
                }
                if (i <= j) {
                    float t = values[i];
                    values[i++] = values[j];
                    values[j--] = t;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return values[k];
            }
        }
        return values[k];
    }

    private static float median(float a, float b, float c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
