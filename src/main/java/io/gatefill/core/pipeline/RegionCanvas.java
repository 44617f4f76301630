package io.gatefill.core.pipeline;

import io.gatefill.core.raster.Rect;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.List;

/**
 * The photo as a fill reads it, one window at a time: the request's image (never modified, never
 * copied whole) with the patches of the regions filled so far laid over it, so a later window sees
 * earlier fills as context exactly as if they had been written into a copy of the photo.
 */
final class RegionCanvas {
    private final BufferedImage source;
    /** The source's own pixel array when it is a plain TYPE_INT_ARGB image (no offset, no stride), else null. */
    private final int[] direct;
    private final int width;
    private final List<Patch> patches = new ArrayList<>();

    RegionCanvas(BufferedImage source) {
        this.source = source;
        this.width = source.getWidth();
        this.direct = plainArgb(source);
    }

    /** The current pixels of {@code area} (inside the photo), row-major, in a new array. */
    int[] cut(Rect area) {
        int[] crop = new int[area.width() * area.height()];
        for (int y = 0; y < area.height(); y++) {
            if (direct != null) {
                System.arraycopy(direct, (area.y() + y) * width + area.x(), crop, y * area.width(), area.width());
            } else {
                source.getRGB(area.x(), area.y() + y, area.width(), 1, crop, y * area.width(), area.width());
            }
        }
        for (Patch patch : patches) {
            patch.overlay(area, crop);
        }
        return crop;
    }

    /** Lays a region's final pixels over the photo for the windows that follow. */
    void add(Patch patch) {
        patches.add(patch);
    }

    List<Patch> patches() {
        return patches;
    }

    static int[] plainArgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_ARGB && image.getRaster().getDataBuffer() instanceof DataBufferInt src
                && src.getNumBanks() == 1 && src.getOffset() == 0 && image.getRaster().getParent() == null
                && src.getData().length == image.getWidth() * image.getHeight()) {
            return src.getData();
        }
        return null;
    }
}
