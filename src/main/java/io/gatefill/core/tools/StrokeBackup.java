package io.gatefill.core.tools;

import io.gatefill.core.raster.GrayRaster;
import io.gatefill.core.raster.Rect;

/**
 * Saves the pre-stroke pixels of a layer lazily, in 64x64 tiles, just before a stroke first touches
 * them: starting a stroke on a 24-megapixel layer copies nothing, and the undo data is assembled
 * from the tiles at the end.
 */
final class StrokeBackup {
    private static final int TILE = 64;

    private final GrayRaster raster;
    private final int tilesX;
    private final byte[][] tiles;

    StrokeBackup(GrayRaster raster) {
        this.raster = raster;
        this.tilesX = (raster.width() + TILE - 1) / TILE;
        int tilesY = (raster.height() + TILE - 1) / TILE;
        this.tiles = new byte[tilesX * tilesY][];
    }

    /** Backs up every tile of {@code r} not yet saved; call before painting into {@code r}. */
    void protect(Rect r) {
        if (r.isEmpty()) {
            return;
        }
        int tx0 = r.x() / TILE;
        int ty0 = r.y() / TILE;
        int tx1 = (r.x() + r.width() - 1) / TILE;
        int ty1 = (r.y() + r.height() - 1) / TILE;
        byte[] data = raster.data();
        int w = raster.width();
        for (int ty = ty0; ty <= ty1; ty++) {
            for (int tx = tx0; tx <= tx1; tx++) {
                int index = ty * tilesX + tx;
                if (tiles[index] != null) {
                    continue;
                }
                byte[] tile = new byte[TILE * TILE];
                int x = tx * TILE;
                int cw = Math.min(TILE, w - x);
                int ch = Math.min(TILE, raster.height() - ty * TILE);
                for (int row = 0; row < ch; row++) {
                    System.arraycopy(data, (ty * TILE + row) * w + x, tile, row * TILE, cw);
                }
                tiles[index] = tile;
            }
        }
    }

    /** The pre-stroke pixels of {@code r}, row-major: from a backed-up tile, or the raster where untouched. */
    byte[] before(Rect r) {
        byte[] out = new byte[Math.toIntExact(r.area())];
        byte[] data = raster.data();
        int w = raster.width();
        for (int row = 0; row < r.height(); row++) {
            int y = r.y() + row;
            int ty = y / TILE;
            int x = r.x();
            int end = r.x() + r.width();
            while (x < end) {
                int tx = x / TILE;
                int spanEnd = Math.min(end, (tx + 1) * TILE);
                int len = spanEnd - x;
                byte[] tile = tiles[ty * tilesX + tx];
                if (tile != null) {
                    System.arraycopy(tile, (y - ty * TILE) * TILE + (x - tx * TILE), out, row * r.width() + x - r.x(), len);
                } else {
                    System.arraycopy(data, y * w + x, out, row * r.width() + x - r.x(), len);
                }
                x = spanEnd;
            }
        }
        return out;
    }
}
