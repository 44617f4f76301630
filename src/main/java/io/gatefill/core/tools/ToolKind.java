package io.gatefill.core.tools;

import io.gatefill.core.document.Layer;

/** The painting tools: which layer each one paints and whether it adds or removes. */
public enum ToolKind {
    MASK_BRUSH("Mask brush", Layer.MASK, false, 60, 1.0),
    MASK_ERASER("Mask eraser", Layer.MASK, true, 60, 1.0),
    SKETCH_PEN("Sketch pen", Layer.SKETCH, false, 6, 1.0),
    SKETCH_ERASER("Sketch eraser", Layer.SKETCH, true, 30, 1.0);

    private final String label;
    private final Layer layer;
    private final boolean erases;
    private final int defaultSize;
    private final double defaultHardness;

    ToolKind(String label, Layer layer, boolean erases, int defaultSize, double defaultHardness) {
        this.label = label;
        this.layer = layer;
        this.erases = erases;
        this.defaultSize = defaultSize;
        this.defaultHardness = defaultHardness;
    }

    public String label() {
        return label;
    }

    public Layer layer() {
        return layer;
    }

    public boolean erases() {
        return erases;
    }

    public int defaultSize() {
        return defaultSize;
    }

    public double defaultHardness() {
        return defaultHardness;
    }
}
