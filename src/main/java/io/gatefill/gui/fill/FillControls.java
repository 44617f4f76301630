package io.gatefill.gui.fill;

import io.gatefill.core.pipeline.FillEngine;
import io.gatefill.gui.EditorViewModel;
import io.gatefill.gui.MainView;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.geometry.Orientation;
import org.controlsfx.control.SegmentedButton;

/**
 * Adds the Fill feature to the editor window from outside (so the editor's own view stays
 * untouched): a Fill menu, a toolbar under the menu bar with Fill, Cancel, progress, the "fill after
 * each stroke" switch and the gate-map view with its layer selector, and the gate overlay stacked
 * on the canvas.
 */
public final class FillControls {
    private FillControls() {
    }

    /** Installs everything into {@code view}; call once, after the view is built. */
    public static void install(MainView view, EditorViewModel editor, FillViewModel fill) {
        MenuBar menuBar = (MenuBar) view.getTop();
        menuBar.getMenus().add(menuBar.getMenus().size() - 1, menu(fill));
        VBox top = new VBox(menuBar, toolbar(fill));
        view.setTop(top);

        GateOverlay overlay = new GateOverlay(fill, view.canvas(), editor.showOriginalProperty());
        StackPane stack = new StackPane(view.canvas(), overlay);
        stack.setMinSize(100, 100);
        view.setCenter(stack);
        // Added after the canvas's own handler, so the stroke is already in the history when this runs.
        view.canvas().addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                fill.strokeFinished();
            }
        });
    }

    private static Menu menu(FillViewModel fill) {
        MenuItem run = new MenuItem("Fill");
        run.setId("menu-fill");
        run.setAccelerator(KeyCombination.valueOf("Shortcut+Enter"));
        run.disableProperty().bind(fill.canFillProperty().not());
        run.setOnAction(e -> fill.fill());
        MenuItem again = new MenuItem("Fill Again (another variation)");
        again.setId("menu-fill-again");
        again.setAccelerator(KeyCombination.valueOf("Shortcut+Shift+Enter"));
        again.disableProperty().bind(fill.canFillAgainProperty().not());
        again.setOnAction(e -> fill.fillAgain());
        Menu engines = new Menu("Engine");
        ToggleGroup group = new ToggleGroup();
        for (FillEngine engine : FillEngine.values()) {
            javafx.scene.control.RadioMenuItem item = new javafx.scene.control.RadioMenuItem(label(engine));
            item.setId("menu-engine-" + engine.id());
            item.setToggleGroup(group);
            item.setSelected(fill.engineProperty().get() == engine);
            item.setOnAction(e -> fill.engineProperty().set(engine));
            fill.engineProperty().addListener((obs, old, now) -> item.setSelected(now == engine));
            engines.getItems().add(item);
        }
        MenuItem cancel = new MenuItem("Cancel Fill");
        cancel.setId("menu-fill-cancel");
        cancel.setAccelerator(KeyCombination.valueOf("Esc"));
        cancel.disableProperty().bind(fill.runningProperty().not());
        cancel.setOnAction(e -> fill.cancel());
        CheckMenuItem wholeSketch = new CheckMenuItem("Clear Whole Sketch With Fill");
        wholeSketch.setId("menu-fill-whole-sketch");
        wholeSketch.selectedProperty().bindBidirectional(fill.clearWholeSketchProperty());
        CheckMenuItem auto = new CheckMenuItem("Fill After Each Stroke");
        auto.selectedProperty().bindBidirectional(fill.fillAfterStrokeProperty());
        CheckMenuItem gates = new CheckMenuItem("Show Gate Maps");
        gates.setAccelerator(KeyCombination.valueOf("Shift+G"));
        gates.selectedProperty().bindBidirectional(fill.showGatesProperty());
        MenuItem refresh = new MenuItem("Gate Maps for Current Mask");
        refresh.disableProperty().bind(fill.canFillProperty().not());
        refresh.setOnAction(e -> {
            fill.showGatesProperty().set(true);
            fill.computeGates();
        });
        MenuItem compare = new MenuItem("Hold \\ to compare with the photo before filling");
        compare.setDisable(true);
        return new Menu("Fill", null, run, again, cancel, engines, new javafx.scene.control.SeparatorMenuItem(),
                wholeSketch, auto, gates, refresh, compare);
    }

    static String label(FillEngine engine) {
        return switch (engine) {
            case HYBRID -> "Hybrid";
            case PATCH -> "Patch";
            case MODEL -> "Model";
        };
    }

    private static String explanation(FillEngine engine) {
        return switch (engine) {
            case HYBRID -> "The model places lines and colours; texture is copied from the photo at full resolution";
            case PATCH -> "Texture copied from the photo alone; needs no model";
            case MODEL -> "The model's own prediction (smooth)";
        };
    }

    /** Hybrid / Patch / Model, one pressed, kept in step with the view model both ways. */
    private static Node engineChoice(FillViewModel fill) {
        SegmentedButton choice = new SegmentedButton();
        choice.setId("fill-engine");
        for (FillEngine engine : FillEngine.values()) {
            ToggleButton button = new ToggleButton(label(engine));
            button.setId("fill-engine-" + engine.id());
            button.setUserData(engine);
            button.setFocusTraversable(false);
            button.setTooltip(new Tooltip(explanation(engine)));
            button.setSelected(fill.engineProperty().get() == engine);
            choice.getButtons().add(button);
        }
        choice.getToggleGroup().selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true); // one engine is always chosen
            } else {
                fill.engineProperty().set((FillEngine) now.getUserData());
            }
        });
        fill.engineProperty().addListener((obs, old, now) -> choice.getButtons().forEach(
                b -> b.setSelected(b.getUserData() == now)));
        choice.disableProperty().bind(fill.runningProperty());
        return choice;
    }

    private static Node toolbar(FillViewModel fill) {
        Button run = new Button("Fill");
        run.setId("fill-button");
        run.setDefaultButton(false);
        run.setFocusTraversable(false); // Space pans the canvas; it must never press Fill
        run.setStyle("-fx-font-weight: bold;");
        Tooltip hint = new Tooltip();
        hint.textProperty().bind(Bindings.when(fill.hasMaskProperty())
                .then("Remove what the red mask covers (Ctrl+Enter)")
                .otherwise("Paint over what to remove with the mask brush (B) first"));
        run.setTooltip(hint);
        run.disableProperty().bind(fill.canFillProperty().not());
        run.setOnAction(e -> fill.fill());

        Button again = new Button("Again");
        again.setId("fill-again");
        again.setFocusTraversable(false);
        again.setTooltip(new Tooltip("Replace the last fill by another variation (Ctrl+Shift+Enter)"));
        again.disableProperty().bind(fill.canFillAgainProperty().not());
        again.setOnAction(e -> fill.fillAgain());

        Button cancel = new Button("Cancel");
        cancel.setId("fill-cancel");
        cancel.setFocusTraversable(false);
        cancel.setTooltip(new Tooltip("Stop filling (Esc); the photo stays as it was"));
        cancel.visibleProperty().bind(fill.runningProperty());
        cancel.managedProperty().bind(fill.runningProperty());
        cancel.setOnAction(e -> fill.cancel());

        ProgressBar bar = new ProgressBar();
        bar.setId("fill-progress");
        bar.setPrefWidth(160);
        bar.progressProperty().bind(fill.progressProperty());
        bar.visibleProperty().bind(fill.runningProperty());
        bar.managedProperty().bind(fill.runningProperty()); // no empty gap in the toolbar when idle
        Label text = new Label();
        text.setId("fill-progress-text");
        text.textProperty().bind(fill.progressTextProperty());

        CheckBox auto = new CheckBox("Fill after each stroke");
        auto.setId("fill-auto");
        auto.setFocusTraversable(false);
        auto.selectedProperty().bindBidirectional(fill.fillAfterStrokeProperty());

        ToggleButton gates = new ToggleButton("Gate maps");
        gates.setId("fill-gates");
        gates.setFocusTraversable(false);
        gates.setTooltip(new Tooltip("Show what the network treats as valid, hole and sketch (Shift+G)"));
        gates.selectedProperty().bindBidirectional(fill.showGatesProperty());
        ComboBox<String> layer = new ComboBox<>(fill.gateLayers());
        layer.setId("gate-layer");
        layer.setFocusTraversable(false);
        layer.setPromptText("layer");
        layer.disableProperty().bind(fill.showGatesProperty().not().or(Bindings.isEmpty(fill.gateLayers())));
        layer.getSelectionModel().selectedIndexProperty().addListener((obs, old, now) -> {
            if (now.intValue() >= 0) {
                fill.gateLayerProperty().set(now.intValue());
            }
        });
        fill.gateLayerProperty().addListener((obs, old, now) -> {
            if (now.intValue() < fill.gateLayers().size()) {
                layer.getSelectionModel().select(now.intValue());
            }
        });
        fill.gateLayers().addListener((javafx.collections.ListChangeListener<String>) c -> {
            if (!fill.gateLayers().isEmpty() && layer.getSelectionModel().getSelectedIndex() < 0) {
                layer.getSelectionModel().select(Math.min(fill.gateLayerProperty().get(), fill.gateLayers().size() - 1));
            }
        });

        HBox box = new HBox(8, run, again, engineChoice(fill), cancel, bar, text, sep(), auto, sep(), gates, layer);
        box.setId("fill-toolbar");
        box.setAlignment(Pos.CENTER_LEFT);
        box.setPadding(new Insets(4, 8, 4, 8));
        return box;
    }

    private static Node sep() {
        return new Separator(Orientation.VERTICAL);
    }
}
