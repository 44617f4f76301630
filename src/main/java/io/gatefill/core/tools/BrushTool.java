package io.gatefill.core.tools;

import io.gatefill.core.document.Document;
import io.gatefill.core.document.LayerRegionEdit;
import io.gatefill.core.history.Edit;
import io.gatefill.core.raster.GrayRaster;
import io.gatefill.core.raster.Rect;
import java.util.Optional;

/**
 * Turns pointer positions in image coordinates into a brush stroke on the mask or sketch layer:
 * {@link #startStroke}, {@link #continueTo} for each pointer move, {@link #finishStroke} on release.
 *
 * <p>Pixels change live (the document tells its listeners each segment's rectangle, so the overlay
 * redraws only that); the pre-stroke pixels are kept per tile and the whole stroke is pushed to the
 * document's history as one {@link LayerRegionEdit} covering the affected area.
 */
public final class BrushTool {
    private final ToolKind kind;
    private final BrushSettings settings;
    private final AffectedAreaTracker tracker = new AffectedAreaTracker();
    private Document document;
    private StrokeBackup backup;
    private double lastX;
    private double lastY;

    public BrushTool(ToolKind kind, BrushSettings settings) {
        this.kind = kind;
        this.settings = settings;
    }

    public ToolKind kind() {
        return kind;
    }

    public BrushSettings settings() {
        return settings;
    }

    public boolean isStroking() {
        return document != null;
    }

    /** Begins a stroke at (x, y) and paints a dot there; returns the changed rectangle. */
    public Rect startStroke(Document target, double x, double y) {
        if (isStroking()) {
            throw new IllegalStateException("a stroke is already in progress");
        }
        document = target;
        backup = new StrokeBackup(target.raster(kind.layer()));
        tracker.reset();
        lastX = x;
        lastY = y;
        return paint(x, y, x, y);
    }

    /** Extends the stroke to (x, y); returns the changed rectangle (possibly empty). */
    public Rect continueTo(double x, double y) {
        if (!isStroking()) {
            throw new IllegalStateException("no stroke in progress");
        }
        Rect changed = paint(lastX, lastY, x, y);
        lastX = x;
        lastY = y;
        return changed;
    }

    /** Ends the stroke and pushes it to the document's history; empty if it touched nothing. */
    public Optional<Edit> finishStroke() {
        if (!isStroking()) {
            throw new IllegalStateException("no stroke in progress");
        }
        Document target = document;
        Rect area = tracker.area();
        byte[] before = area.isEmpty() ? null : backup.before(area);
        document = null;
        backup = null;
        if (area.isEmpty()) {
            return Optional.empty();
        }
        Edit edit = LayerRegionEdit.alreadyApplied(target, kind.layer(), area, before, kind.label());
        target.history().push(edit);
        return Optional.of(edit);
    }

    private Rect paint(double x0, double y0, double x1, double y1) {
        GrayRaster raster = document.raster(kind.layer());
        Rect bounds = BrushRasterizer.segmentBounds(x0, y0, x1, y1, settings.size(), raster.width(), raster.height());
        if (bounds.isEmpty()) {
            return bounds;
        }
        backup.protect(bounds);
        Rect changed = BrushRasterizer.paintSegment(raster, x0, y0, x1, y1, settings.size(), settings.hardness(),
                kind.erases());
        tracker.add(changed);
        document.fireChanged(kind.layer(), changed);
        return changed;
    }
}
