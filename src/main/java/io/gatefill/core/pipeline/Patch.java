package io.gatefill.core.pipeline;

import io.gatefill.core.raster.Rect;

/**
 * The filled pixels of one region: ARGB, row-major, {@code area}'s size, in image coordinates. Only
 * hole pixels differ from the photo; the rest of the rectangle is the photo's own pixels.
 */
public record Patch(Rect area, int[] argb) {
    public Patch {
        if (argb.length != area.width() * area.height()) {
            throw new IllegalArgumentException("a patch does not match " + area);
        }
    }

    /** Copies the part of this patch inside {@code window} into {@code crop}, the window's pixels. */
    void overlay(Rect window, int[] crop) {
        int x0 = Math.max(area.x(), window.x());
        int x1 = Math.min(area.right(), window.right());
        int y0 = Math.max(area.y(), window.y());
        int y1 = Math.min(area.bottom(), window.bottom());
        for (int y = y0; y < y1 && x0 < x1; y++) {
            System.arraycopy(argb, (y - area.y()) * area.width() + x0 - area.x(), crop,
                    (y - window.y()) * window.width() + x0 - window.x(), x1 - x0);
        }
    }
}
