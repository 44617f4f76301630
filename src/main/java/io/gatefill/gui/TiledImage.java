package io.gatefill.gui;

import io.gatefill.core.raster.Rect;
import java.nio.IntBuffer;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * A large ARGB picture held as 512x512 JavaFX {@link WritableImage} tiles: an update touches only
 * the tiles its rectangle crosses (so a brush segment never re-uploads a 24-megapixel texture),
 * drawing skips tiles outside the view, and photos wider than the GPU's texture limit still work.
 */
final class TiledImage {
    static final int TILE = 512;

    private final int width;
    private final int height;
    private final int tilesX;
    private final int tilesY;
    private final WritableImage[] tiles;

    TiledImage(int width, int height) {
        this.width = width;
        this.height = height;
        this.tilesX = (width + TILE - 1) / TILE;
        this.tilesY = (height + TILE - 1) / TILE;
        this.tiles = new WritableImage[tilesX * tilesY];
        for (int ty = 0; ty < tilesY; ty++) {
            for (int tx = 0; tx < tilesX; tx++) {
                tiles[ty * tilesX + tx] = new WritableImage(Math.min(TILE, width - tx * TILE),
                        Math.min(TILE, height - ty * TILE));
            }
        }
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /**
     * Copies {@code region} from {@code argb} (non-premultiplied ARGB, {@code stride} ints per row,
     * the region's top-left at {@code offset}) into the tiles it crosses.
     */
    void update(Rect region, int[] argb, int offset, int stride) {
        PixelFormat<IntBuffer> format = PixelFormat.getIntArgbInstance();
        int tx0 = region.x() / TILE;
        int ty0 = region.y() / TILE;
        int tx1 = (region.x() + region.width() - 1) / TILE;
        int ty1 = (region.y() + region.height() - 1) / TILE;
        for (int ty = ty0; ty <= ty1; ty++) {
            for (int tx = tx0; tx <= tx1; tx++) {
                int x0 = Math.max(region.x(), tx * TILE);
                int y0 = Math.max(region.y(), ty * TILE);
                int x1 = Math.min(region.x() + region.width(), (tx + 1) * TILE);
                int y1 = Math.min(region.y() + region.height(), (ty + 1) * TILE);
                int start = offset + (y0 - region.y()) * stride + (x0 - region.x());
                tiles[ty * tilesX + tx].getPixelWriter().setPixels(x0 - tx * TILE, y0 - ty * TILE, x1 - x0, y1 - y0,
                        format, argb, start, stride);
            }
        }
    }

    /**
     * Draws the tiles that intersect the canvas. Tile edges are snapped to whole screen pixels so
     * neighbouring tiles share an edge and no hairline gap appears between them at any zoom.
     */
    void draw(GraphicsContext g, Viewport view, double canvasWidth, double canvasHeight) {
        double zoom = view.zoom();
        int tx0 = Math.max(0, (int) Math.floor(view.toImageX(0) / TILE));
        int ty0 = Math.max(0, (int) Math.floor(view.toImageY(0) / TILE));
        int tx1 = Math.min(tilesX - 1, (int) Math.floor(view.toImageX(canvasWidth) / TILE));
        int ty1 = Math.min(tilesY - 1, (int) Math.floor(view.toImageY(canvasHeight) / TILE));
        for (int ty = ty0; ty <= ty1; ty++) {
            double top = Math.round(view.offsetY() + ty * TILE * zoom);
            double bottom = Math.round(view.offsetY() + Math.min(height, (ty + 1) * TILE) * zoom);
            for (int tx = tx0; tx <= tx1; tx++) {
                double left = Math.round(view.offsetX() + tx * TILE * zoom);
                double right = Math.round(view.offsetX() + Math.min(width, (tx + 1) * TILE) * zoom);
                if (right > left && bottom > top) {
                    g.drawImage(tiles[ty * tilesX + tx], left, top, right - left, bottom - top);
                }
            }
        }
    }
}
