package io.gatefill.gui;

import io.gatefill.core.document.Document;
import io.gatefill.core.tools.BrushSettings;
import io.gatefill.core.tools.BrushTool;
import io.gatefill.core.tools.ToolKind;
import java.util.EnumMap;
import java.util.Map;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The painting job of the editor: the active tool, each tool's brush (size and hardness, sized to the
 * photo when one opens) and the stroke being painted, in image coordinates.
 */
public final class ToolsViewModel {
    private final ObjectProperty<Document> document;
    private final ObjectProperty<ToolKind> tool = new SimpleObjectProperty<>(ToolKind.MASK_BRUSH);
    private final IntegerProperty brushSize = new SimpleIntegerProperty();
    private final DoubleProperty hardness = new SimpleDoubleProperty();
    private final Map<ToolKind, BrushSettings> brushes = new EnumMap<>(ToolKind.class);
    private BrushTool stroke;

    ToolsViewModel(ObjectProperty<Document> document) {
        this.document = document;
        for (ToolKind kind : ToolKind.values()) {
            brushes.put(kind, new BrushSettings(kind.defaultSize(), kind.defaultHardness()));
        }
        loadBrush(tool.get());
        tool.addListener((obs, old, now) -> loadBrush(now));
        brushSize.addListener((obs, old, now) -> brushes.get(tool.get()).setSize(now.intValue()));
        hardness.addListener((obs, old, now) -> brushes.get(tool.get()).setHardness(now.doubleValue()));
        document.addListener((obs, old, now) -> documentReplaced(now));
    }

    public ObjectProperty<ToolKind> toolProperty() {
        return tool;
    }

    public IntegerProperty brushSizeProperty() {
        return brushSize;
    }

    public DoubleProperty hardnessProperty() {
        return hardness;
    }

    /** [ and ]: ×1.25 steps. */
    void stepBrush(boolean larger) {
        brushSize.set(larger ? BrushSizing.larger(brushSize.get()) : BrushSizing.smaller(brushSize.get()));
    }

    public boolean isStroking() {
        return stroke != null;
    }

    public void beginStroke(double x, double y) {
        Document doc = document.get();
        if (doc == null || stroke != null || doc.history().isBusy()) {
            return;
        }
        stroke = new BrushTool(tool.get(), brushes.get(tool.get()));
        stroke.startStroke(doc, x, y);
    }

    public void strokeTo(double x, double y) {
        if (stroke != null) {
            stroke.continueTo(x, y);
        }
    }

    /** Ends the stroke, if any, and pushes it to the history; every command that changes the document calls this first. */
    public void endStroke() {
        if (stroke != null) {
            BrushTool finishing = stroke;
            stroke = null;
            finishing.finishStroke();
        }
    }

    private void documentReplaced(Document now) {
        stroke = null;
        if (now != null) {
            brushes.forEach((kind, b) -> b.setSize(BrushSizing.initialSize(kind, now.width(), now.height())));
            loadBrush(tool.get());
        }
    }

    private void loadBrush(ToolKind kind) {
        BrushSettings b = brushes.get(kind);
        brushSize.set(b.size());
        hardness.set(b.hardness());
    }
}
