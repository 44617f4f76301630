package io.gatefill.core.document;

import io.gatefill.core.history.CompositeEdit;
import io.gatefill.core.history.EditKind;
import io.gatefill.core.history.Edit;
import io.gatefill.core.raster.Rect;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the one undo step an inpaint makes: the filled image rectangle, the sketch strokes inside the
 * hole (the guidance the fill used) cleared — or, when asked, the whole sketch — and the cleared mask
 * (remembered for "reuse previous mask"), so undo brings back photo, mask and sketch together.
 */
public final class InpaintEdits {
    private InpaintEdits() {
    }

    /**
     * @param region where {@code patch} goes in the image (the pipeline's affected rectangle)
     * @param patch  ARGB pixels exactly {@code region}'s size
     */
    public static Edit fill(Document document, Rect region, BufferedImage patch, String description) {
        return fill(document, region, patch, description, false);
    }

    /** As {@link #fill(Document, Rect, BufferedImage, String)}; {@code wholeSketch} clears strokes outside the hole too. */
    public static Edit fill(Document document, Rect region, BufferedImage patch, String description, boolean wholeSketch) {
        List<Edit> parts = new ArrayList<>();
        parts.add(ImageRegionEdit.of(document, region, patch, description));
        (wholeSketch ? MaskEdits.clearSketch(document) : MaskEdits.clearSketchInHole(document)).ifPresent(parts::add);
        MaskEdits.clearMask(document).ifPresent(parts::add);
        return new CompositeEdit(description, EditKind.FILL, parts);
    }
}
