package io.gatefill.gui.help;

import io.gatefill.gui.EditorAction;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The Help menu's windows: non-modal, one per topic, reused when opened again, so the shortcut list can
 * stay open beside the editor while learning it.
 */
public final class HelpWindows {
    private final HelpViewModel help;
    private final Window owner;
    private final Map<EditorAction, Stage> open = new EnumMap<>(EditorAction.class);

    public HelpWindows(HelpViewModel help, Window owner) {
        this.help = help;
        this.owner = owner;
    }

    /** Shows the window of a Help menu action (HELP_SHORTCUTS, HELP_GUIDE, HELP_MODEL, HELP_ABOUT). */
    public void show(EditorAction topic) {
        Stage stage = open.computeIfAbsent(topic, this::create);
        stage.show();
        stage.toFront();
    }

    private Stage create(EditorAction topic) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle(topic.label().replace("…", "") + " — Gatefill");
        Node content = switch (topic) {
            case HELP_SHORTCUTS -> shortcutTable();
            case HELP_GUIDE -> text("help-guide", help.userGuide(), 40);
            case HELP_MODEL -> modelAndData();
            default -> text("help-about", help.aboutText(), 12);
        };
        VBox root = new VBox(8, content);
        VBox.setVgrow(content, Priority.ALWAYS);
        root.setPadding(new Insets(10));
        stage.setScene(new Scene(root, topic == EditorAction.HELP_ABOUT ? 520 : 760,
                topic == EditorAction.HELP_ABOUT ? 320 : 620));
        return stage;
    }

    private Node shortcutTable() {
        TableView<HelpViewModel.Shortcut> table = new TableView<>();
        table.setId("help-shortcuts");
        table.getItems().setAll(help.shortcuts());
        table.getColumns().add(column("Command", 440, HelpViewModel.Shortcut::action));
        table.getColumns().add(column("Keys", 260, HelpViewModel.Shortcut::keys));
        return table;
    }

    private Node modelAndData() {
        TextArea summary = (TextArea) text("help-model", help.modelSummary(), 14);
        TableView<HelpViewModel.DataSource> data = new TableView<>();
        data.setId("help-training-data");
        data.getItems().setAll(help.trainingData());
        data.getColumns().add(column("Source", 280, HelpViewModel.DataSource::source));
        data.getColumns().add(column("Photos", 60, r -> String.valueOf(r.photos())));
        data.getColumns().add(column("Licences (photos)", 380, HelpViewModel.DataSource::licences));
        data.setPlaceholder(new Label("The model card lists no training data."));
        VBox box = new VBox(6, summary, new Label("Training photos and their licences"), data);
        VBox.setVgrow(data, Priority.ALWAYS);
        return box;
    }

    private static Node text(String id, String value, int rows) {
        TextArea area = new TextArea(value);
        area.setId(id);
        area.setEditable(false);
        area.setWrapText(true);
        area.setPrefRowCount(rows);
        area.setStyle("-fx-font-family: monospace;");
        return area;
    }

    private static <R> TableColumn<R, String> column(String title, double width, Function<R, String> value) {
        TableColumn<R, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        return c;
    }
}
