package io.gatefill.gui.fill;

import io.gatefill.core.pipeline.FillEngine;
import io.gatefill.gui.EditorAction;
import io.gatefill.gui.EditorViewModel;
import io.gatefill.gui.MainView;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.geometry.Orientation;

/**
 * The Fill feature's controls in the places the editor window offers: Fill, Fill Again and Cancel are
 * the shell's {@link EditorAction}s (menu, shortcut, enabled state); this adds the engine choice and the
 * switches to the Fill menu, the Fill buttons, progress and gate-map controls to the toolbar, the gate
 * overlay over the canvas, and Fill's status messages and engine field to the status bar.
 */
public final class FillControls {
    private FillControls() {
    }

    /** Installs everything into {@code view}; call once, after the view is built. */
    public static void install(MainView view, EditorViewModel editor, FillViewModel fill) {
        addMenuItems(view.menu("Fill"), fill);
        view.toolbar().getChildren().add(toolbar(view, editor, fill));
        view.addCanvasOverlay(new GateOverlay(fill.gates(), view.canvas(), editor.showOriginalProperty()));
        view.addStatusSource(fill.status());
        view.addStatusSource(fill.gates().status());
        view.addStatusField("status-engine", fill.model().textProperty());
    }

    private static void addMenuItems(Menu menu, FillViewModel fill) {
        GateMapViewModel gateView = fill.gates();
        Menu engines = new Menu("Engine");
        ToggleGroup group = new ToggleGroup();
        for (FillEngine engine : FillEngine.values()) {
            RadioMenuItem item = new RadioMenuItem(EngineChoice.label(engine));
            item.setId("menu-engine-" + engine.id());
            item.setToggleGroup(group);
            item.setSelected(fill.engineProperty().get() == engine);
            item.setOnAction(e -> fill.engineProperty().set(engine));
            fill.engineProperty().addListener((obs, old, now) -> item.setSelected(now == engine));
            engines.getItems().add(item);
        }
        CheckMenuItem wholeSketch = new CheckMenuItem("Clear Whole Sketch With Fill");
        wholeSketch.setId("menu-fill-whole-sketch");
        wholeSketch.selectedProperty().bindBidirectional(fill.clearWholeSketchProperty());
        CheckMenuItem auto = new CheckMenuItem("Fill After Each Stroke");
        auto.selectedProperty().bindBidirectional(fill.fillAfterStrokeProperty());
        CheckMenuItem gates = new CheckMenuItem("Show Gate Maps");
        gates.setId("menu-fill-gates");
        gates.setAccelerator(KeyCombination.valueOf("Shift+G"));
        gates.selectedProperty().bindBidirectional(gateView.showProperty());
        gates.disableProperty().bind(gateView.availableProperty().not());
        MenuItem refresh = new MenuItem("Gate Maps for Current Mask");
        refresh.disableProperty().bind(fill.canFillProperty().not());
        refresh.setOnAction(e -> {
            gateView.showProperty().set(true);
            fill.computeGates();
        });
        MenuItem compare = new MenuItem("Hold \\ to compare with the photo before filling");
        compare.setDisable(true);
        menu.getItems().addAll(engines, new SeparatorMenuItem(), wholeSketch, auto, gates, refresh, compare);
    }

    private static Node toolbar(MainView view, EditorViewModel editor, FillViewModel fill) {
        GateMapViewModel gateView = fill.gates();
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
        action(run, view, editor, EditorAction.FILL);

        Button again = new Button("Again");
        again.setId("fill-again");
        again.setFocusTraversable(false);
        again.setTooltip(new Tooltip("Replace the last fill by another variation (Ctrl+Shift+Enter)"));
        action(again, view, editor, EditorAction.FILL_AGAIN);

        Button cancel = new Button("Cancel");
        cancel.setId("fill-cancel");
        cancel.setFocusTraversable(false);
        cancel.setTooltip(new Tooltip("Stop filling (Esc); the photo stays as it was"));
        cancel.visibleProperty().bind(fill.runningProperty());
        cancel.managedProperty().bind(fill.runningProperty());
        cancel.setOnAction(e -> view.perform(EditorAction.FILL_CANCEL));

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
        gates.selectedProperty().bindBidirectional(gateView.showProperty());
        gates.disableProperty().bind(gateView.availableProperty().not());
        ComboBox<String> layer = new ComboBox<>(gateView.layers());
        layer.setId("gate-layer");
        layer.setFocusTraversable(false);
        layer.setPromptText("layer");
        layer.disableProperty().bind(gateView.showProperty().not().or(Bindings.isEmpty(gateView.layers())));
        layer.getSelectionModel().selectedIndexProperty().addListener((obs, old, now) -> {
            if (now.intValue() >= 0) {
                gateView.layerProperty().set(now.intValue());
            }
        });
        gateView.layerProperty().addListener((obs, old, now) -> {
            if (now.intValue() < gateView.layers().size()) {
                layer.getSelectionModel().select(now.intValue());
            }
        });
        gateView.layers().addListener((javafx.collections.ListChangeListener<String>) c -> {
            if (!gateView.layers().isEmpty() && layer.getSelectionModel().getSelectedIndex() < 0) {
                layer.getSelectionModel().select(Math.min(gateView.layerProperty().get(), gateView.layers().size() - 1));
            }
        });

        HBox box = new HBox(8, run, again, EngineChoice.segmented(fill.engineProperty(), "fill-engine", fill.runningProperty()), cancel, bar, text, sep(), auto, sep(), gates, layer);
        box.setId("fill-toolbar");
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    /** A toolbar button for one of the shell's actions: the same command and enabled state as its menu item. */
    private static void action(Button button, MainView view, EditorViewModel editor, EditorAction action) {
        button.disableProperty().bind(editor.executable(action).not());
        button.setOnAction(e -> view.perform(action));
    }

    private static Node sep() {
        return new Separator(Orientation.VERTICAL);
    }
}
