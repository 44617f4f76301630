package io.gatefill.gui.fill;

import java.util.List;

/**
 * The value range a gate layer's colour scale spans: its 1st to 99th percentile over the shown
 * windows, so a layer whose gates all lie near 0.93 still shows its structure instead of one flat colour.
 */
public record GateScale(double low, double high) {
    /** The whole (0,1) range: what is shown before any maps exist. */
    public static final GateScale FULL = new GateScale(0, 1);
    private static final int BINS = 4096;
    /** A range narrower than this is widened around its middle: noise is not worth a full colour scale. */
    private static final double MIN_SPAN = 0.01;

    /** Where {@code value} falls on the scale, clamped to [0,1]. */
    public double position(double value) {
        if (Double.isNaN(value)) {
            return 0;
        }
        return Math.max(0, Math.min(1, (value - low) / (high - low)));
    }

    /** The 1st-99th percentile range of layer {@code layer} over the part of each window the model saw. */
    public static GateScale of(List<GateWindow> windows, int layer) {
        long[] histogram = new long[BINS];
        long count = 0;
        for (GateWindow w : windows) {
            if (layer < 0 || layer >= w.maps().maps().length) {
                continue;
            }
            float[] map = w.maps().maps()[layer];
            int pw = w.maps().width();
            int sw = Math.min(w.scaledWidth(), pw);
            int sh = Math.min(w.scaledHeight(), w.maps().height());
            for (int y = 0; y < sh; y++) {
                for (int x = 0, i = y * pw; x < sw; x++, i++) {
                    float v = map[i];
                    if (!Float.isNaN(v)) {
                        histogram[Math.max(0, Math.min(BINS - 1, (int) (v * BINS)))]++;
                        count++;
                    }
                }
            }
        }
        if (count == 0) {
            return FULL;
        }
        double low = percentile(histogram, count, 0.01);
        double high = percentile(histogram, count, 0.99) + 1.0 / BINS;
        if (high - low < MIN_SPAN) {
            double mid = (low + high) / 2;
            low = Math.max(0, mid - MIN_SPAN / 2);
            high = Math.min(1, low + MIN_SPAN);
            low = high - MIN_SPAN;
        }
        return new GateScale(low, high);
    }

    private static double percentile(long[] histogram, long count, double fraction) {
        long target = (long) Math.floor(fraction * (count - 1));
        long seen = 0;
        for (int bin = 0; bin < histogram.length; bin++) {
            seen += histogram[bin];
            if (seen > target) {
                return bin / (double) BINS;
            }
        }
        return 1;
    }
}
