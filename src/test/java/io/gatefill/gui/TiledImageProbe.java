package io.gatefill.gui;

import io.gatefill.core.raster.Rect;

/** Gives the benchmark (another package) access to the package-private overlay tiles. */
public final class TiledImageProbe {
    private final TiledImage tiles;

    private TiledImageProbe(TiledImage tiles) {
        this.tiles = tiles;
    }

    public static TiledImageProbe create(int width, int height) {
        return new TiledImageProbe(new TiledImage(width, height));
    }

    public void update(Rect region, int[] argb, int stride) {
        tiles.update(region, argb, 0, stride);
    }
}
