package io.gatefill.core.document;

import io.gatefill.core.history.EditKind;
import io.gatefill.core.raster.GrayRaster;
import io.gatefill.core.raster.Rect;
import java.util.function.Consumer;

/**
 * A change to one rectangle of the mask or sketch layer that keeps a single copy of that rectangle
 * and swaps it with the layer on undo and redo (Pixelitor's partial-image edit): memory is the
 * dirty area, never the whole layer.
 */
public final class LayerRegionEdit extends SwapRegionEdit {
    private final Layer layer;
    private final EditKind kind;
    private Consumer<GrayRaster> operation;
    /** The rectangle's pixels of the state not currently shown: "before" after execute/redo, "after" after undo. */
    private byte[] stored;

    private LayerRegionEdit(Document document, Layer layer, Rect region, String description,
                            Consumer<GrayRaster> operation, byte[] stored) {
        super(document, region, description);
        if (region.isEmpty()) {
            throw new IllegalArgumentException("empty region");
        }
        this.layer = layer;
        this.operation = operation;
        this.stored = stored;
        // Only a live stroke is pushed already applied; every other layer edit runs an operation.
        this.kind = operation == null ? EditKind.STROKE : EditKind.OTHER;
    }

    /**
     * An edit whose {@link #execute()} saves {@code region} and then runs {@code operation} on the whole
     * layer raster; the operation must change nothing outside {@code region}.
     */
    public static LayerRegionEdit of(Document document, Layer layer, Rect region, String description,
                                     Consumer<GrayRaster> operation) {
        return new LayerRegionEdit(document, layer, region, description, operation, null);
    }

    /**
     * An edit for a change already made to the layer (a live brush stroke, so its kind is
     * {@link EditKind#STROKE}); {@code before} holds the region's earlier pixels, row-major, region.width() per row.
     */
    public static LayerRegionEdit alreadyApplied(Document document, Layer layer, Rect region, byte[] before,
                                                 String description) {
        if (before.length != region.area()) {
            throw new IllegalArgumentException("before pixels do not match the region");
        }
        return new LayerRegionEdit(document, layer, region, description, null, before);
    }

    @Override
    public EditKind kind() {
        return kind;
    }

    public Layer layer() {
        return layer;
    }

    @Override
    public void execute() {
        if (operation == null) {
            return; // already applied while the user painted
        }
        GrayRaster raster = document.raster(layer);
        stored = read(raster, region);
        operation.accept(raster);
        operation = null;
        document.fireChanged(layer, region);
    }

    @Override
    public long bytes() {
        return region.area() + 64L;
    }

    @Override
    protected void swap() {
        GrayRaster raster = document.raster(layer);
        byte[] current = read(raster, region);
        write(raster, region, stored);
        stored = current;
        document.fireChanged(layer, region);
    }

    /** Copies a rectangle of a raster into a new row-major array. */
    public static byte[] read(GrayRaster raster, Rect r) {
        byte[] out = new byte[Math.toIntExact(r.area())];
        byte[] data = raster.data();
        int w = raster.width();
        for (int row = 0; row < r.height(); row++) {
            System.arraycopy(data, (r.y() + row) * w + r.x(), out, row * r.width(), r.width());
        }
        return out;
    }

    /** Writes a row-major array into a rectangle of a raster. */
    public static void write(GrayRaster raster, Rect r, byte[] pixels) {
        byte[] data = raster.data();
        int w = raster.width();
        for (int row = 0; row < r.height(); row++) {
            System.arraycopy(pixels, row * r.width(), data, (r.y() + row) * w + r.x(), r.width());
        }
    }
}
