package io.gatefill.core.pipeline;

import io.gatefill.core.raster.Rect;

/** Chooses the context window and model scale for a region under each strategy. */
final class WindowPlanner {
    private WindowPlanner() {
    }

    /**
     * A CROP window: the region plus a context margin, grown to at least the training side, centred on
     * the region and shifted inward where it would cross the image border (never shrunk by the border
     * unless the image itself is smaller), then scaled so its longer side fits the model's training
     * scale (or {@code maxModelSide} where that is smaller), for the model and hybrid engines alike.
     *
     * <p>Why the training scale and not the 512 px the model can take: on whole photos with an object
     * hole (README, "Whole photos"), the model at up to 512 px painted blocky blobs (detail ratio 1.38,
     * 31.20 dB); at its 256-px training scale 32.70 dB and 0.39, and on the 512-px crops of the
     * evaluation set +0.23 dB (objects) and +0.10 dB (strokes).
     */
    static Window crop(Rect region, int imageWidth, int imageHeight, PipelineSettings settings) {
        Rect window = around(region, settings.contextMargin(), settings.trainResolution(), imageWidth, imageHeight);
        return scaled(region, window, Math.min(settings.maxModelSide(), settings.trainResolution()));
    }

    /**
     * The full-resolution window the patch synthesis copies from: the region plus a margin of at least
     * {@code synthesisMargin} and half the region's longer side, shifted inward at the borders.
     */
    static Window synthesis(Rect region, int imageWidth, int imageHeight, PipelineSettings settings) {
        int margin = Math.max(settings.synthesisMargin(), Math.max(region.width(), region.height()) / 2);
        Rect window = around(region, margin, 0, imageWidth, imageHeight);
        return new Window(region, window, window.width(), window.height());
    }

    /** The region plus {@code margin}, at least {@code minSide} a side, centred on it and shifted inside the image. */
    private static Rect around(Rect region, int margin, int minSide, int imageWidth, int imageHeight) {
        int w = span(region.width(), margin, minSide, imageWidth);
        int h = span(region.height(), margin, minSide, imageHeight);
        int x = shiftInward(region.x() + region.width() / 2 - w / 2, w, imageWidth);
        int y = shiftInward(region.y() + region.height() / 2 - h / 2, h, imageHeight);
        return new Rect(x, y, w, h);
    }

    /** The whole image, scaled down so its longer side fits {@code maxSide} (RESIZE) or unscaled (ORIGINAL). */
    static Window whole(Rect region, int imageWidth, int imageHeight, int maxSide) {
        return scaled(region, new Rect(0, 0, imageWidth, imageHeight), maxSide);
    }

    static int span(int regionSide, int margin, int minSide, int imageSide) {
        return Math.min(imageSide, Math.max(regionSide + 2 * margin, minSide));
    }

    static int shiftInward(int start, int length, int limit) {
        return Math.max(0, Math.min(start, limit - length));
    }

    static Window scaled(Rect region, Rect window, int maxSide) {
        int longer = Math.max(window.width(), window.height());
        if (longer <= maxSide) {
            return new Window(region, window, window.width(), window.height());
        }
        double s = (double) maxSide / longer;
        int sw = Math.max(1, Math.min(maxSide, (int) Math.round(window.width() * s)));
        int sh = Math.max(1, Math.min(maxSide, (int) Math.round(window.height() * s)));
        return new Window(region, window, sw, sh);
    }
}
