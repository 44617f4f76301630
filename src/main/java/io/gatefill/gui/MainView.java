package io.gatefill.gui;

import io.gatefill.core.tools.BrushSettings;
import io.gatefill.core.tools.ToolKind;
import io.gatefill.gui.help.HelpViewModel;
import io.gatefill.gui.help.HelpWindows;
import java.io.File;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.SVGPath;

/**
 * The main window's content: menu bar built from {@link EditorAction}, a toolbar row, tool palette,
 * canvas, brush settings and history list, status bar. Binds controls to the {@link EditorViewModel}
 * and forwards commands; holds no editing state of its own. Features (Fill) get their places from it:
 * {@link #menu}, {@link #toolbar}, {@link #addCanvasOverlay}, {@link #addStatusSource}, {@link #addStatusField}.
 */
public final class MainView extends BorderPane {
    private final EditorViewModel viewModel;
    private final CanvasView canvas;
    private final Map<EditorAction, MenuItem> menuItems = new EnumMap<>(EditorAction.class);
    private final Runnable quit;
    private Menu recentMenu;
    private final MenuBar menuBar;
    private final Map<String, Menu> menus = new LinkedHashMap<>();
    private final HBox toolbar = new HBox(8);
    private final StackPane canvasStack;
    private final StatusLine statusLine = new StatusLine();
    private org.controlsfx.control.StatusBar statusBar;
    private Runnable onBatch = () -> { };
    private HelpWindows help;

    public MainView(EditorViewModel viewModel, Runnable quit) {
        this.viewModel = viewModel;
        this.quit = quit;
        this.canvas = new CanvasView(viewModel);
        menuBar = buildMenuBar();
        toolbar.setId("editor-toolbar");
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.setPadding(new Insets(4, 8, 4, 8));
        // An empty toolbar takes no room: it shows once a feature (Fill) puts its controls there.
        toolbar.visibleProperty().bind(Bindings.isNotEmpty(toolbar.getChildren()));
        toolbar.managedProperty().bind(toolbar.visibleProperty());
        setTop(new VBox(menuBar, toolbar));
        setLeft(buildToolPalette());
        canvasStack = new StackPane(canvas);
        canvasStack.setMinSize(100, 100);
        setCenter(canvasStack);
        setRight(buildSidePanel());
        setBottom(buildStatusBar());
        installDragAndDrop();
        addEventFilter(KeyEvent.KEY_PRESSED, this::keyPressed);
        addEventFilter(KeyEvent.KEY_RELEASED, this::keyReleased);
    }

    /** Adds View ▸ Theme ▸ Dark / Light, bound both ways to {@code theme}. */
    public void addThemeChoice(javafx.beans.property.ObjectProperty<Theme> theme) {
        Menu view = menuBar.getMenus().stream().filter(m -> "View".equals(m.getText())).findFirst().orElseThrow();
        Menu themes = new Menu("Theme");
        javafx.scene.control.ToggleGroup group = new javafx.scene.control.ToggleGroup();
        for (Theme t : Theme.values()) {
            javafx.scene.control.RadioMenuItem item = new javafx.scene.control.RadioMenuItem(
                    t == Theme.DARK ? "Dark" : "Light");
            item.setId("menu-theme-" + t.name().toLowerCase(java.util.Locale.ROOT));
            item.setToggleGroup(group);
            item.setSelected(theme.get() == t);
            item.setOnAction(e -> theme.set(t));
            themes.getItems().add(item);
        }
        theme.addListener((o, was, now) -> group.getToggles().get(now.ordinal()).setSelected(true));
        view.getItems().add(themes);
    }

    /**
     * Puts ControlsFX's NotificationPane around the centre (the canvas and whatever was stacked on it),
     * showing {@code notices}; call after everything that replaces the centre has run.
     */
    public void showNotices(NoticeViewModel notices) {
        org.controlsfx.control.NotificationPane pane = new org.controlsfx.control.NotificationPane(getCenter());
        pane.setId("notice-pane");
        pane.setShowFromTop(true);
        pane.setOnHidden(e -> notices.dismiss());
        notices.textProperty().addListener((o, was, now) -> {
            if (now == null) {
                pane.hide();
            } else {
                pane.show(now);
            }
        });
        setCenter(pane);
    }

    /** The menu named {@code name} (one of {@link EditorAction#menu()}), for a feature to add its own items to. */
    public Menu menu(String name) {
        Menu menu = menus.get(name);
        if (menu == null) {
            throw new IllegalArgumentException("no menu " + name);
        }
        return menu;
    }

    /** The row under the menu bar where features put their controls (Fill's buttons and progress). */
    public HBox toolbar() {
        return toolbar;
    }

    /** Stacks a mouse-transparent layer over the canvas (Fill's gate maps). */
    public void addCanvasOverlay(Node overlay) {
        canvasStack.getChildren().add(overlay);
    }

    /** Another owner's messages (Fill's) in the status bar's message line; the newest message shows. */
    public void addStatusSource(StatusSource source) {
        statusLine.add(source);
    }

    /** A field of the status bar's right side that {@code text}'s owner alone fills (Fill's engine and model). */
    public void addStatusField(String id, javafx.beans.value.ObservableStringValue text) {
        Label field = new Label();
        field.setId(id);
        field.textProperty().bind(text);
        statusBar.getRightItems().addAll(sep(), field);
    }

    /** What File ▸ Batch… opens; the application sets it (the batch window lives in gui.batch). */
    public void setOnBatch(Runnable action) {
        onBatch = action;
    }

    /** Created on first use: the model card and the guide are read only when someone asks for help. */
    private HelpWindows help() {
        if (help == null) {
            help = new HelpWindows(HelpViewModel.locate(), getScene() == null ? null : getScene().getWindow());
        }
        return help;
    }

    public CanvasView canvas() {
        return canvas;
    }

    /** Runs an action as its menu item or shortcut would. */
    public void perform(EditorAction action) {
        switch (action) {
            case ZOOM_IN -> canvas.zoomBy(1.25);
            case ZOOM_OUT -> canvas.zoomBy(0.8);
            case ZOOM_FIT -> canvas.zoomFit();
            case ZOOM_100 -> canvas.zoomActual();
            case QUIT -> quit.run();
            case BATCH -> onBatch.run();
            case HELP_SHORTCUTS, HELP_GUIDE, HELP_MODEL, HELP_ABOUT -> help().show(action);
            default -> viewModel.perform(action);
        }
    }

    private MenuBar buildMenuBar() {
        for (EditorAction action : EditorAction.values()) {
            Menu menu = menus.computeIfAbsent(action.menu(), Menu::new);
            if (action == EditorAction.REDO_ALT) {
                continue; // Ctrl+Y is a second shortcut for Redo, handled in keyPressed
            }
            MenuItem item = new MenuItem(action.label());
            item.setId("menu-" + action.name().toLowerCase().replace('_', '-'));
            if (action.accelerator() != null) {
                item.setAccelerator(KeyCombination.valueOf(action.accelerator()));
            }
            item.disableProperty().bind(viewModel.executable(action).not());
            item.setOnAction(e -> perform(action));
            menu.getItems().add(item);
            menuItems.put(action, item);
            if (action == EditorAction.OPEN) {
                recentMenu = new Menu("Open Recent");
                menu.getItems().add(recentMenu);
            }
            if (action == EditorAction.EXPORT || action == EditorAction.CLOSE || action == EditorAction.REUSE_MASK
                    || action == EditorAction.HELP_GUIDE
                    || action == EditorAction.EXPORT_MASK || action == EditorAction.TOOL_SKETCH_ERASER
                    || action == EditorAction.ZOOM_OUT) {
                menu.getItems().add(new javafx.scene.control.SeparatorMenuItem());
            }
        }
        menuItems.get(EditorAction.UNDO).textProperty().bind(viewModel.history().undoTextProperty());
        menuItems.get(EditorAction.REDO).textProperty().bind(viewModel.history().redoTextProperty());
        Menu view = menus.get("View");
        MenuItem compare = new MenuItem("Hold \\ to compare with the original");
        compare.setDisable(true);
        view.getItems().add(compare);
        viewModel.recent().recentFiles().addListener((javafx.collections.ListChangeListener<String>) c -> rebuildRecent());
        rebuildRecent();
        return new MenuBar(menus.values().toArray(Menu[]::new));
    }

    private void rebuildRecent() {
        recentMenu.getItems().clear();
        for (String file : viewModel.recent().recentFiles()) {
            MenuItem item = new MenuItem(file);
            item.setMnemonicParsing(false);
            item.setOnAction(e -> viewModel.files().open(Path.of(file)));
            recentMenu.getItems().add(item);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    private Node buildToolPalette() {
        ToggleGroup group = new ToggleGroup();
        VBox box = new VBox(6);
        box.setPadding(new Insets(8));
        box.setAlignment(Pos.TOP_CENTER);
        box.getStyleClass().add("tool-palette");
        Map<ToolKind, ToggleButton> buttons = new EnumMap<>(ToolKind.class);
        for (ToolKind kind : ToolKind.values()) {
            ToggleButton button = new ToggleButton();
            button.setGraphic(icon(kind));
            button.setToggleGroup(group);
            button.setId("tool-" + kind.name().toLowerCase().replace('_', '-'));
            button.setTooltip(new Tooltip(kind.label() + " (" + shortcutOf(kind) + ")"));
            button.setFocusTraversable(false); // Space must pan, never press a tool button
            button.setPrefSize(40, 40);
            button.setOnAction(e -> {
                viewModel.tools().toolProperty().set(kind);
                button.setSelected(true);
            });
            buttons.put(kind, button);
            box.getChildren().add(button);
        }
        buttons.get(viewModel.tools().toolProperty().get()).setSelected(true);
        viewModel.tools().toolProperty().addListener((obs, old, now) -> buttons.get(now).setSelected(true));
        return box;
    }

    private Node buildSidePanel() {
        Label toolLabel = new Label();
        toolLabel.textProperty().bind(Bindings.createStringBinding(() -> viewModel.tools().toolProperty().get().label(),
                viewModel.tools().toolProperty()));
        toolLabel.setStyle("-fx-font-weight: bold;");

        // Logarithmic: 1 to 3000 px on one slider, with as much travel for 5-50 px as for 300-3000 px.
        Slider size = new Slider(0, Math.log(BrushSettings.MAX_SIZE), Math.log(viewModel.tools().brushSizeProperty().get()));
        size.setId("brush-size");
        Label sizeValue = new Label();
        size.valueProperty().addListener((obs, old, now) ->
                viewModel.tools().brushSizeProperty().set((int) Math.round(Math.exp(now.doubleValue()))));
        viewModel.tools().brushSizeProperty().addListener((obs, old, now) -> {
            if (now.intValue() != (int) Math.round(Math.exp(size.getValue()))) {
                size.setValue(Math.log(now.intValue()));
            }
        });
        sizeValue.textProperty().bind(viewModel.tools().brushSizeProperty().asString("Size  %d px"));
        size.setTooltip(new Tooltip("Brush diameter in image pixels: [ smaller, ] larger (×1.25 a press)"));

        Slider hardness = new Slider(0, 1, viewModel.tools().hardnessProperty().get());
        hardness.setId("brush-hardness");
        hardness.valueProperty().bindBidirectional(viewModel.tools().hardnessProperty());
        hardness.setTooltip(new Tooltip("Below 100 % the edge is feathered; mask values of 50 % and more count as hole"));
        Label hardnessValue = new Label();
        hardnessValue.textProperty().bind(Bindings.createStringBinding(
                () -> "Hardness  " + Math.round(viewModel.tools().hardnessProperty().get() * 100) + " %",
                viewModel.tools().hardnessProperty()));

        ListView<String> history = new ListView<>(viewModel.history().items());
        history.setId("history-list");
        history.setPrefHeight(360);
        history.setFocusTraversable(false);
        history.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                // Steps after the current one are the redo list: shown faded, as in Photoshop.
                setOpacity(!empty && getIndex() > viewModel.history().positionProperty().get() ? 0.45 : 1);
            }
        });
        Runnable select = () -> {
            history.getSelectionModel().select(viewModel.history().positionProperty().get());
            history.scrollTo(viewModel.history().positionProperty().get());
            history.refresh();
        };
        viewModel.history().positionProperty().addListener((obs, old, now) -> select.run());
        viewModel.history().items().addListener((javafx.collections.ListChangeListener<String>) c -> select.run());
        history.setOnMouseClicked(e -> {
            int index = history.getSelectionModel().getSelectedIndex();
            if (index >= 0) {
                viewModel.history().jumpTo(index);
            }
        });

        VBox panel = new VBox(6, toolLabel, sizeValue, size, hardnessValue, hardness, new Separator(),
                new Label("History"), history);
        VBox.setVgrow(history, Priority.ALWAYS);
        panel.setPadding(new Insets(8));
        panel.setPrefWidth(230);
        return panel;
    }

    private Node buildStatusBar() {
        Label message = new Label();
        message.setId("status-message");
        statusLine.add(viewModel.status());
        message.textProperty().bind(statusLine.textProperty());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(14, 14);
        busy.visibleProperty().bind(viewModel.busyCountProperty().greaterThan(0));
        Label zoom = new Label();
        zoom.setId("status-zoom");
        zoom.textProperty().bind(viewModel.zoomTextProperty());
        Label size = new Label();
        size.textProperty().bind(viewModel.sizeTextProperty());
        Label cursor = new Label();
        cursor.setId("status-cursor");
        cursor.setMinWidth(90);
        cursor.textProperty().bind(viewModel.cursorTextProperty());
        // ControlsFX's StatusBar: JavaFX has none. Its own text stays empty; the message is a label of its
        // own so it keeps its id, and each field has one owner (zoom: canvas, size/cursor: editor; the
        // message line shows the newest of its sources; features add fields of their own).
        org.controlsfx.control.StatusBar bar = new org.controlsfx.control.StatusBar();
        statusBar = bar;
        bar.setId("status-bar");
        bar.setText("");
        bar.getLeftItems().addAll(busy, message);
        bar.getRightItems().addAll(zoom, sep(), size, sep(), cursor);
        return bar;
    }

    private static Node sep() {
        return new Separator(Orientation.VERTICAL);
    }

    private void installDragAndDrop() {
        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        setOnDragDropped(e -> {
            boolean ok = false;
            if (e.getDragboard().hasFiles() && !e.getDragboard().getFiles().isEmpty()) {
                File file = e.getDragboard().getFiles().get(0);
                // Open after the drop completes: a modal dialog inside the drop handler would block the source app.
                javafx.application.Platform.runLater(() -> viewModel.files().open(file.toPath()));
                ok = true;
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    private void keyPressed(KeyEvent e) {
        if (e.getCode() == KeyCode.SPACE) {
            canvas.setSpaceDown(true);
            e.consume();
        } else if (e.getCode() == KeyCode.BACK_SLASH) {
            viewModel.showOriginalProperty().set(true);
            e.consume();
        } else if ((e.getCode() == KeyCode.OPEN_BRACKET || e.getCode() == KeyCode.CLOSE_BRACKET)
                && !e.isShortcutDown() && !e.isAltDown()) {
            viewModel.perform(e.getCode() == KeyCode.OPEN_BRACKET ? EditorAction.BRUSH_SMALLER : EditorAction.BRUSH_LARGER);
            e.consume();
        } else if (e.getCode() == KeyCode.Y && e.isShortcutDown() && !e.isShiftDown()) {
            if (viewModel.executable(EditorAction.REDO_ALT).get()) {
                viewModel.history().redo();
            }
            e.consume();
        }
    }

    private void keyReleased(KeyEvent e) {
        if (e.getCode() == KeyCode.SPACE) {
            canvas.setSpaceDown(false);
            e.consume();
        } else if (e.getCode() == KeyCode.BACK_SLASH) {
            viewModel.showOriginalProperty().set(false);
            e.consume();
        }
    }

    private static String shortcutOf(ToolKind kind) {
        return switch (kind) {
            case MASK_BRUSH -> "B";
            case MASK_ERASER -> "E";
            case SKETCH_PEN -> "P";
            case SKETCH_ERASER -> "Shift+E";
        };
    }

    /** Tool icons drawn as vector paths, so they stay sharp at any display scale. */
    private static Node icon(ToolKind kind) {
        SVGPath shape = new SVGPath();
        switch (kind) {
            case MASK_BRUSH -> {
                shape.setContent("M14 2 L18 6 L9 15 L5 11 Z M4 12 L8 16 C7 19 4 20 1 19 C3 17 2 14 4 12 Z");
                shape.setFill(Color.rgb(230, 60, 60));
            }
            case MASK_ERASER -> {
                shape.setContent("M12 2 L19 9 L10 18 L4 18 L1 15 Z M4 12 L8 16");
                shape.setFill(Color.rgb(240, 170, 170));
                shape.setStroke(Color.rgb(150, 40, 40));
            }
            case SKETCH_PEN -> {
                shape.setContent("M15 1 L19 5 L7 17 L2 18 L3 13 Z");
                shape.setFill(Color.rgb(0, 200, 230));
            }
            case SKETCH_ERASER -> {
                shape.setContent("M12 2 L19 9 L10 18 L4 18 L1 15 Z M4 12 L8 16");
                shape.setFill(Color.rgb(170, 235, 245));
                shape.setStroke(Color.rgb(0, 110, 130));
            }
        }
        return shape;
    }
}
