package io.gatefill.gui.fill;

import io.gatefill.core.pipeline.FillEngine;
import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import org.controlsfx.control.SegmentedButton;

/** Hybrid / Patch / Model as one pressed button of a ControlsFX SegmentedButton: the Fill toolbar's and the Batch window's. */
public final class EngineChoice {
    private EngineChoice() {
    }

    public static String label(FillEngine engine) {
        return switch (engine) {
            case HYBRID -> "Hybrid";
            case PATCH -> "Patch";
            case MODEL -> "Model";
        };
    }

    static String explanation(FillEngine engine) {
        return switch (engine) {
            case HYBRID -> "The model places lines and colours; texture is copied from the photo at full resolution";
            case PATCH -> "Texture copied from the photo alone; needs no model";
            case MODEL -> "The model's own prediction (smooth)";
        };
    }

    /**
     * The choice, kept in step with {@code engine} both ways (one engine always pressed), with ids
     * {@code id} and {@code id-<engine>}, disabled while {@code busy}.
     */
    public static Node segmented(ObjectProperty<FillEngine> engine, String id, ObservableBooleanValue busy) {
        SegmentedButton choice = new SegmentedButton();
        choice.setId(id);
        for (FillEngine e : FillEngine.values()) {
            ToggleButton button = new ToggleButton(label(e));
            button.setId(id + "-" + e.id());
            button.setUserData(e);
            button.setFocusTraversable(false);
            button.setTooltip(new Tooltip(explanation(e)));
            button.setSelected(engine.get() == e);
            choice.getButtons().add(button);
        }
        choice.getToggleGroup().selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true); // one engine is always chosen
            } else {
                engine.set((FillEngine) now.getUserData());
            }
        });
        engine.addListener((obs, old, now) -> choice.getButtons().forEach(b -> b.setSelected(b.getUserData() == now)));
        choice.disableProperty().bind(busy);
        return choice;
    }
}
