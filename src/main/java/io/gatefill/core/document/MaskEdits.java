package io.gatefill.core.document;

import io.gatefill.core.history.Edit;
import io.gatefill.core.raster.GrayRaster;
import io.gatefill.core.raster.Rect;
import java.util.Arrays;
import java.util.Optional;

/**
 * Builds the undoable whole-layer operations of the mask menu. Each returns empty when the operation
 * would change nothing, so no empty step lands in the history.
 */
public final class MaskEdits {
    private MaskEdits() {
    }

    /** Clears the mask; the cleared mask is kept for "reuse previous mask". */
    public static Optional<Edit> clearMask(Document document) {
        Rect region = document.mask().extent();
        if (region.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(LayerRegionEdit.of(document, Layer.MASK, region, "Clear mask", raster -> {
            document.rememberMask();
            MaskOps.clear(raster, region);
        }));
    }

    public static Optional<Edit> clearSketch(Document document) {
        Rect region = document.sketch().extent();
        if (region.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(LayerRegionEdit.of(document, Layer.SKETCH, region, "Clear sketch",
                raster -> MaskOps.clear(raster, region)));
    }

    /**
     * Clears the sketch under the mask's holes: guidance a fill has used up. Empty when no stroke pixel
     * lies in a hole. The hole is read now, so the edit may run after the mask is cleared in the same step.
     */
    public static Optional<Edit> clearSketchInHole(Document document) {
        Rect region = document.mask().bounds();
        if (region.isEmpty()) {
            return Optional.empty();
        }
        byte[] hole = LayerRegionEdit.read(document.mask(), region);
        byte[] sketch = LayerRegionEdit.read(document.sketch(), region);
        byte[] cleared = sketch.clone();
        for (int i = 0; i < cleared.length; i++) {
            if (MaskOps.isHole(hole[i])) {
                cleared[i] = 0;
            }
        }
        if (Arrays.equals(cleared, sketch)) {
            return Optional.empty();
        }
        return Optional.of(LayerRegionEdit.of(document, Layer.SKETCH, region, "Clear sketch in hole",
                raster -> LayerRegionEdit.write(raster, region, cleared)));
    }

    public static Edit invertMask(Document document) {
        return LayerRegionEdit.of(document, Layer.MASK, document.bounds(), "Invert mask", MaskOps::invert);
    }

    public static Optional<Edit> growMask(Document document, int radius) {
        requirePositive(radius);
        Rect region = MaskOps.growRegion(document.mask(), radius);
        return region.isEmpty() ? Optional.empty() : Optional.of(LayerRegionEdit.of(document, Layer.MASK, region,
                "Grow mask " + radius + " px", raster -> MaskOps.grow(raster, radius)));
    }

    public static Optional<Edit> shrinkMask(Document document, int radius) {
        requirePositive(radius);
        Rect region = MaskOps.shrinkRegion(document.mask());
        return region.isEmpty() ? Optional.empty() : Optional.of(LayerRegionEdit.of(document, Layer.MASK, region,
                "Shrink mask " + radius + " px", raster -> MaskOps.shrink(raster, radius)));
    }

    /**
     * Replaces the mask by {@code replacement} (an imported mask file, the previous mask); only the
     * union of the old and new non-zero bounds is stored for undo.
     */
    public static Optional<Edit> replaceMask(Document document, GrayRaster replacement, String description) {
        if (replacement.width() != document.width() || replacement.height() != document.height()) {
            throw new IllegalArgumentException("mask is " + replacement.width() + "x" + replacement.height()
                    + " but the image is " + document.width() + "x" + document.height());
        }
        Rect oldBounds = document.mask().bounds();
        Rect newBounds = replacement.bounds();
        Rect region = oldBounds.isEmpty() ? newBounds : newBounds.isEmpty() ? oldBounds : oldBounds.union(newBounds);
        if (region.isEmpty()) {
            return Optional.empty();
        }
        GrayRaster source = replacement.copy(); // the caller may reuse its raster
        return Optional.of(LayerRegionEdit.of(document, Layer.MASK, region, description,
                raster -> LayerRegionEdit.write(raster, region, LayerRegionEdit.read(source, region))));
    }

    /** Brings back the mask from before the last clear or fill, or empty if there is none. */
    public static Optional<Edit> reusePreviousMask(Document document) {
        GrayRaster previous = document.previousMask();
        return previous == null ? Optional.empty() : replaceMask(document, previous, "Reuse previous mask");
    }

    private static void requirePositive(int radius) {
        if (radius <= 0) {
            throw new IllegalArgumentException("radius must be at least 1 px");
        }
    }
}
