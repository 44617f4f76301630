package io.gatefill.gui.batch;

import io.gatefill.core.io.SaveOptions;
import io.gatefill.core.pipeline.Strategy;
import io.gatefill.gui.fill.EngineChoice;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The non-modal batch window: folder fields with choosers, options, problems, Start/Cancel, overall
 * progress, the per-file table and the summary. Binds to a {@link BatchViewModel} and holds no state of
 * its own, so closing and reopening it shows a running batch as it is.
 */
public final class BatchDialog {
    private final BatchViewModel viewModel;
    private final Stage stage = new Stage();
    private final Label summary = new Label();
    private final TableView<BatchReportRows.Row> report = new TableView<>();

    public BatchDialog(Window owner, BatchViewModel viewModel) {
        this.viewModel = viewModel;
        // Owned so it stays above the editor, but not modal: editing goes on while a batch runs.
        stage.initOwner(owner);
        stage.setTitle("Batch — remove masked areas in a folder");
        stage.setScene(new Scene(build())); // its size comes from StagePlacement
    }

    /** Shows the window, or brings it to the front when it is already open. */
    public void show() {
        stage.show();
        stage.toFront();
    }

    public Stage stage() {
        return stage;
    }

    private VBox build() {
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        ColumnConstraints labels = new ColumnConstraints();
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        form.getColumnConstraints().addAll(labels, fields, new ColumnConstraints());
        int row = 0;
        addPath(form, row++, "Images folder", "batch-images", viewModel.imagesProperty(), Choice.FOLDER);
        addPath(form, row++, "Masks folder or file", "batch-masks", viewModel.masksProperty(), Choice.FOLDER_OR_FILE);
        addPath(form, row++, "Sketches folder (optional)", "batch-sketches", viewModel.sketchesProperty(), Choice.FOLDER);
        addPath(form, row++, "Output folder", "batch-out", viewModel.outProperty(), Choice.FOLDER);

        ComboBox<SaveOptions.Format> format = new ComboBox<>();
        format.getItems().setAll(SaveOptions.Format.values());
        format.setId("batch-format");
        format.valueProperty().bindBidirectional(viewModel.formatProperty());
        Spinner<Integer> quality = new Spinner<>(1, 100, viewModel.qualityProperty().get());
        quality.setId("batch-quality");
        quality.setEditable(true);
        quality.setPrefWidth(80);
        quality.valueProperty().addListener((o, was, now) -> viewModel.qualityProperty().set(now));
        quality.disableProperty().bind(viewModel.formatProperty().isEqualTo(SaveOptions.Format.PNG));
        ComboBox<Strategy> strategy = new ComboBox<>();
        strategy.getItems().setAll(Strategy.values());
        strategy.setId("batch-strategy");
        strategy.valueProperty().bindBidirectional(viewModel.strategyProperty());
        HBox options = new HBox(8, new Label("Format"), format, new Label("JPEG quality"), quality,
                new Label("Large images"), strategy);
        options.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        form.add(new Label("Output"), 0, row);
        form.add(options, 1, row++, 2, 1);
        form.add(new Label("Engine"), 0, row);
        form.add(EngineChoice.segmented(viewModel.engineProperty(), "batch-engine", viewModel.runningProperty()), 1, row++);

        ComboBox<BatchViewModel.ExistingOutputs> existing = new ComboBox<>();
        existing.getItems().setAll(BatchViewModel.ExistingOutputs.values());
        existing.setId("batch-existing");
        existing.valueProperty().bindBidirectional(viewModel.existingProperty());
        form.add(new Label("Existing outputs"), 0, row);
        form.add(existing, 1, row++);
        form.disableProperty().bind(viewModel.runningProperty());

        Label problems = new Label();
        problems.setId("batch-problems");
        problems.setWrapText(true);
        problems.setStyle("-fx-text-fill: #e0484f;"); // readable on the dark and the light theme
        Runnable showProblems = () -> problems.setText(String.join("\n", viewModel.problems()));
        viewModel.problems().addListener((ListChangeListener<String>) c -> showProblems.run());
        showProblems.run();

        Button start = new Button("Start");
        start.setId("batch-start");
        start.setDefaultButton(true);
        start.disableProperty().bind(viewModel.canStartProperty().not());
        start.setOnAction(e -> viewModel.start());
        Button cancel = new Button("Cancel");
        cancel.setId("batch-cancel");
        cancel.disableProperty().bind(viewModel.runningProperty().not().or(viewModel.cancelRequestedProperty()));
        cancel.setOnAction(e -> viewModel.cancel());
        Button showReport = new Button("Show report");
        showReport.setId("batch-show-report");
        showReport.disableProperty().bind(viewModel.reportPathProperty().isNull());
        showReport.setOnAction(e -> report.getItems().setAll(BatchReportRows.read(viewModel.reportPathProperty().get())));
        Button close = new Button("Close");
        close.setOnAction(e -> stage.hide());
        HBox buttons = new HBox(8, start, cancel, showReport, close);

        ProgressBar bar = new ProgressBar();
        bar.setId("batch-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(viewModel.progressProperty());
        Label progressText = new Label();
        progressText.setId("batch-progress-text");
        progressText.textProperty().bind(viewModel.progressTextProperty());

        TableView<BatchViewModel.FileRow> table = new TableView<>(viewModel.rows());
        table.setId("batch-files");
        table.getColumns().add(column("File", 200, BatchViewModel.FileRow::file));
        table.getColumns().add(column("Status", 110, BatchViewModel.FileRow::status));
        table.getColumns().add(column("Time", 70, BatchViewModel.FileRow::time));
        table.getColumns().add(column("Reason / notes", 330, BatchViewModel.FileRow::reason));
        table.setPlaceholder(new Label("The photos appear here when the batch starts."));

        summary.setId("batch-summary");
        summary.setWrapText(true);
        viewModel.summaryProperty().addListener((o, was, now) -> summary.setText(now));
        report.setId("batch-report");
        report.getColumns().add(reportColumn("Field", 220, BatchReportRows.Row::field));
        report.getColumns().add(reportColumn("Value", 560, BatchReportRows.Row::value));
        report.setPlaceholder(new Label("Show report lists the run's report here: model, settings, counts, times."));
        report.setPrefHeight(170);
        TextField reportPath = new TextField();
        reportPath.setId("batch-report-path");
        reportPath.setEditable(false);
        reportPath.setPromptText("The JSON report's path appears here after the run.");
        viewModel.reportPathProperty().addListener((o, was, now) -> reportPath.setText(now == null ? "" : now.toString()));

        // Everything but the two tables keeps its natural height, so a smaller window shrinks the tables,
        // never the progress bar or the buttons.
        for (javafx.scene.layout.Region fixed : new javafx.scene.layout.Region[] {form, problems, buttons, bar,
                progressText, summary, reportPath}) {
            fixed.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        bar.setPrefHeight(18);
        javafx.scene.control.SplitPane tables = new javafx.scene.control.SplitPane(table, report);
        tables.setOrientation(javafx.geometry.Orientation.VERTICAL);
        tables.setDividerPositions(0.62);
        VBox.setVgrow(tables, Priority.ALWAYS);
        VBox root = new VBox(8, form, problems, buttons, bar, progressText, summary, tables, reportPath);
        root.setPadding(new Insets(12));
        return root;
    }

    private static TableColumn<BatchViewModel.FileRow, String> column(String title, double width,
            java.util.function.Function<BatchViewModel.FileRow, String> value) {
        TableColumn<BatchViewModel.FileRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
        return c;
    }

    private static TableColumn<BatchReportRows.Row, String> reportColumn(String title, double width,
            java.util.function.Function<BatchReportRows.Row, String> value) {
        TableColumn<BatchReportRows.Row, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
        return c;
    }

    /** What a chooser button picks. */
    private enum Choice { FOLDER, FOLDER_OR_FILE }

    private void addPath(GridPane form, int row, String label, String id, StringProperty property, Choice choice) {
        TextField field = new TextField();
        field.setId(id);
        field.textProperty().bindBidirectional(property);
        Button folder = new Button("Folder…");
        folder.setOnAction(e -> chooseFolder(label, property));
        HBox pickers = new HBox(4, folder);
        if (choice == Choice.FOLDER_OR_FILE) {
            Button file = new Button("File…");
            file.setOnAction(e -> {
                FileChooser chooser = new FileChooser();
                chooser.setTitle("Mask for every photo");
                chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Images",
                        "*.png", "*.jpg", "*.jpeg", "*.bmp", "*.gif", "*.tif", "*.tiff", "*.webp"));
                initialFolder(property).ifPresent(chooser::setInitialDirectory);
                File picked = chooser.showOpenDialog(stage);
                if (picked != null) {
                    property.set(picked.getPath());
                }
            });
            pickers.getChildren().add(file);
        }
        form.add(new Label(label), 0, row);
        form.add(field, 1, row);
        form.add(pickers, 2, row);
    }

    private void chooseFolder(String title, StringProperty property) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        initialFolder(property).ifPresent(chooser::setInitialDirectory);
        File picked = chooser.showDialog(stage);
        if (picked != null) {
            property.set(picked.getPath());
        }
    }

    /** Opens a chooser where the field already points, when that folder (or the file's folder) exists. */
    private static java.util.Optional<File> initialFolder(StringProperty property) {
        try {
            String text = property.get();
            if (text == null || text.isBlank()) {
                return java.util.Optional.empty();
            }
            Path p = Path.of(text.trim());
            Path dir = Files.isDirectory(p) ? p : p.getParent();
            return dir != null && Files.isDirectory(dir) ? java.util.Optional.of(dir.toFile()) : java.util.Optional.empty();
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
