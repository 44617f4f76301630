package io.gatefill.core.document;

import io.gatefill.core.raster.Rect;
import java.awt.image.BufferedImage;

/**
 * Replaces one rectangle of the document's ARGB image (an inpaint result) and swaps a single copy
 * of that rectangle on undo and redo, so memory is 4 bytes per pixel of the rectangle.
 */
public final class ImageRegionEdit extends SwapRegionEdit {
    /** Before execute: the new pixels; afterwards the pixels of the state not currently shown. */
    private int[] stored;

    /**
     * @param replacement the new ARGB pixels of {@code region}, row-major, region.width() per row
     */
    public ImageRegionEdit(Document document, Rect region, int[] replacement, String description) {
        super(document, region, description);
        if (region.isEmpty() || !region.intersect(document.bounds()).equals(region)) {
            throw new IllegalArgumentException("region " + region + " is empty or outside the image");
        }
        if (replacement.length != region.area()) {
            throw new IllegalArgumentException("replacement pixels do not match the region");
        }
        this.stored = replacement.clone();
    }

    /** Replaces {@code region} with {@code patch}, an image exactly the region's size. */
    public static ImageRegionEdit of(Document document, Rect region, BufferedImage patch, String description) {
        if (patch.getWidth() != region.width() || patch.getHeight() != region.height()) {
            throw new IllegalArgumentException("patch is " + patch.getWidth() + "x" + patch.getHeight()
                    + " but the region is " + region.width() + "x" + region.height());
        }
        int[] argb = patch.getRGB(0, 0, region.width(), region.height(), null, 0, region.width());
        return new ImageRegionEdit(document, region, argb, description);
    }

    @Override
    public void execute() {
        swap();
    }

    @Override
    public long bytes() {
        return region.area() * 4L + 64L;
    }

    @Override
    protected void swap() {
        document.beforeImageChange();
        int[] data = document.pixels();
        int w = document.width();
        int rw = region.width();
        int[] current = new int[stored.length];
        for (int row = 0; row < region.height(); row++) {
            int offset = (region.y() + row) * w + region.x();
            System.arraycopy(data, offset, current, row * rw, rw);
            System.arraycopy(stored, row * rw, data, offset, rw);
        }
        stored = current;
        document.fireChanged(Layer.IMAGE, region);
    }
}
