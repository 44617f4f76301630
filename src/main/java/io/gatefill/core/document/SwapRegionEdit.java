package io.gatefill.core.document;

import io.gatefill.core.history.Edit;
import io.gatefill.core.raster.Rect;

/**
 * An edit of one rectangle that keeps a single copy of the state not currently shown and exchanges it
 * with the document on undo and redo, so undo and redo are the same operation. The image and layer
 * region edits differ only in what they store and how they first apply.
 */
abstract class SwapRegionEdit implements Edit {
    protected final Document document;
    protected final Rect region;
    private final String description;

    SwapRegionEdit(Document document, Rect region, String description) {
        this.document = document;
        this.region = region;
        this.description = description;
    }

    public Rect region() {
        return region;
    }

    @Override
    public void undo() {
        swap();
    }

    @Override
    public void redo() {
        swap();
    }

    @Override
    public String description() {
        return description;
    }

    /** Exchanges the stored copy with the document's pixels of {@link #region} and tells listeners. */
    protected abstract void swap();
}
