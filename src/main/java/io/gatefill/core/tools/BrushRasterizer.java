package io.gatefill.core.tools;

import io.gatefill.core.raster.GrayRaster;
import io.gatefill.core.raster.Rect;

/**
 * Paints one stroke segment as a capsule (every pixel whose centre lies within the radius of the
 * segment), so strokes are continuous at any pointer speed without dab spacing artefacts.
 *
 * <p>Coverage falls from 1 inside {@code radius * hardness} to 0 at the radius (smoothstep); a hard
 * brush keeps a half-pixel anti-aliased rim. Painting keeps the maximum of old and new coverage and
 * erasing the minimum, so going over a spot twice in one stroke does not build up.
 */
public final class BrushRasterizer {
    private BrushRasterizer() {
    }

    /** The rectangle {@link #paintSegment} may touch, clipped to the raster; empty if outside. */
    public static Rect segmentBounds(double x0, double y0, double x1, double y1, double diameter,
                                     int width, int height) {
        double r = diameter / 2.0 + 1;
        int minX = Math.max(0, (int) Math.floor(Math.min(x0, x1) - r));
        int minY = Math.max(0, (int) Math.floor(Math.min(y0, y1) - r));
        int maxX = Math.min(width, (int) Math.ceil(Math.max(x0, x1) + r));
        int maxY = Math.min(height, (int) Math.ceil(Math.max(y0, y1) + r));
        return maxX <= minX || maxY <= minY ? new Rect(0, 0, 0, 0) : new Rect(minX, minY, maxX - minX, maxY - minY);
    }

    /**
     * Paints (or erases) the capsule from (x0, y0) to (x1, y1) in image coordinates (pixel centres at
     * +0.5) and returns the rectangle it touched.
     */
    public static Rect paintSegment(GrayRaster raster, double x0, double y0, double x1, double y1,
                                    double diameter, double hardness, boolean erase) {
        Rect bounds = segmentBounds(x0, y0, x1, y1, diameter, raster.width(), raster.height());
        if (bounds.isEmpty()) {
            return bounds;
        }
        double radius = Math.max(0.5, diameter / 2.0);
        double inner = radius * hardness;
        boolean hard = hardness >= 0.999;
        double dx = x1 - x0;
        double dy = y1 - y0;
        double lengthSq = dx * dx + dy * dy;
        double outerSq = (radius + 0.5) * (radius + 0.5);
        byte[] data = raster.data();
        int w = raster.width();
        for (int py = bounds.y(); py < bounds.y() + bounds.height(); py++) {
            double cy = py + 0.5;
            int row = py * w;
            for (int px = bounds.x(); px < bounds.x() + bounds.width(); px++) {
                double cx = px + 0.5;
                double t = lengthSq == 0 ? 0 : ((cx - x0) * dx + (cy - y0) * dy) / lengthSq;
                t = t < 0 ? 0 : t > 1 ? 1 : t;
                double ex = cx - (x0 + t * dx);
                double ey = cy - (y0 + t * dy);
                double distSq = ex * ex + ey * ey;
                if (distSq >= outerSq) {
                    continue;
                }
                double d = Math.sqrt(distSq);
                double coverage;
                if (hard) {
                    coverage = Math.min(1, Math.max(0, radius + 0.5 - d));
                } else if (d <= inner) {
                    coverage = 1;
                } else if (d >= radius) {
                    continue;
                } else {
                    double s = (radius - d) / (radius - inner);
                    coverage = s * s * (3 - 2 * s);
                }
                int value = (int) Math.round(coverage * 255);
                if (value == 0) {
                    continue;
                }
                int old = data[row + px] & 0xFF;
                if (erase) {
                    int limit = 255 - value;
                    if (old > limit) {
                        data[row + px] = (byte) limit;
                    }
                } else if (value > old) {
                    data[row + px] = (byte) value;
                }
            }
        }
        return bounds;
    }
}
