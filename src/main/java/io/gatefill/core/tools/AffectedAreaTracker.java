package io.gatefill.core.tools;

import io.gatefill.core.raster.Rect;

/** Accumulates the bounding box of everything a stroke touched, which becomes the undo region. */
public final class AffectedAreaTracker {
    private int minX = Integer.MAX_VALUE;
    private int minY = Integer.MAX_VALUE;
    private int maxX = Integer.MIN_VALUE;
    private int maxY = Integer.MIN_VALUE;

    public void add(Rect r) {
        if (r.isEmpty()) {
            return;
        }
        minX = Math.min(minX, r.x());
        minY = Math.min(minY, r.y());
        maxX = Math.max(maxX, r.x() + r.width());
        maxY = Math.max(maxY, r.y() + r.height());
    }

    /** The union so far, or an empty rectangle if nothing was touched. */
    public Rect area() {
        return maxX < minX ? new Rect(0, 0, 0, 0) : new Rect(minX, minY, maxX - minX, maxY - minY);
    }

    public void reset() {
        minX = Integer.MAX_VALUE;
        minY = Integer.MAX_VALUE;
        maxX = Integer.MIN_VALUE;
        maxY = Integer.MIN_VALUE;
    }
}
