package io.gatefill.gui;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** {@link DialogService} with JavaFX alerts and native file choosers, owned by the main window. */
public final class FxDialogService implements DialogService {
    private final Window owner;

    public FxDialogService(Window owner) {
        this.owner = owner;
    }

    @Override
    public void showError(String title, String message) {
        Alert alert = alert(Alert.AlertType.ERROR, title, message);
        alert.getDialogPane().setId("error-dialog");
        alert.showAndWait();
    }

    @Override
    public void showInfo(String title, String message) {
        alert(Alert.AlertType.INFORMATION, title, message).showAndWait();
    }

    @Override
    public boolean confirm(String title, String message, String confirmLabel) {
        ButtonType yes = new ButtonType(confirmLabel, ButtonBar.ButtonData.OK_DONE);
        Alert alert = alert(Alert.AlertType.CONFIRMATION, title, message);
        alert.getButtonTypes().setAll(ButtonType.CANCEL, yes);
        // Cancel is the default: a stray Enter must not destroy anything.
        ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(yes)).setDefaultButton(false);
        ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        return alert.showAndWait().orElse(ButtonType.CANCEL) == yes;
    }

    @Override
    public SaveChoice askSaveChanges(String documentName) {
        ButtonType save = new ButtonType("Save Project…", ButtonBar.ButtonData.YES);
        ButtonType export = new ButtonType("Export Image…", ButtonBar.ButtonData.OTHER);
        ButtonType discard = new ButtonType("Discard Changes", ButtonBar.ButtonData.NO);
        Alert alert = alert(Alert.AlertType.WARNING, "Unsaved changes",
                "\"" + documentName + "\" has changes that are not saved in a project. Save the project to keep "
                        + "editing later, or export the edited image.");
        alert.getButtonTypes().setAll(save, export, discard, ButtonType.CANCEL);
        alert.getDialogPane().setId("save-changes-dialog");
        ButtonType answer = alert.showAndWait().orElse(ButtonType.CANCEL);
        return answer == save ? SaveChoice.SAVE : answer == export ? SaveChoice.EXPORT
                : answer == discard ? SaveChoice.DISCARD : SaveChoice.CANCEL;
    }

    @Override
    public RecoveryChoice askRecovery(List<Path> files) {
        return askRecovery(files, null);
    }

    @Override
    public RecoveryChoice askRecovery(List<Path> files, String projectName) {
        ButtonType restore = new ButtonType("Restore", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Discard", ButtonBar.ButtonData.NO);
        ButtonType later = new ButtonType("Later", ButtonBar.ButtonData.CANCEL_CLOSE);
        String what = projectName != null ? "Unsaved changes to the project \"" + projectName + "\" were" : "Unsaved work was";
        Alert alert = alert(Alert.AlertType.CONFIRMATION, "Restore unsaved work?",
                "Gatefill did not close properly last time. " + what + " autosaved"
                        + (files.size() > 1 ? " (" + files.size() + " files; the newest is restored)" : "")
                        + ".\n\nRestore brings the photo, mask and sketch back as they were at the last autosave; "
                        + "undo starts afresh from there. Later keeps the files for the next start.\n\nFolder: "
                        + files.get(0).getParent());
        alert.getDialogPane().setId("recovery-dialog");
        alert.getButtonTypes().setAll(restore, discard, later);
        ButtonType answer = alert.showAndWait().orElse(later);
        return answer == restore ? RecoveryChoice.RESTORE : answer == discard ? RecoveryChoice.DISCARD
                : RecoveryChoice.LATER;
    }

    @Override
    public Optional<Path> chooseOpenFile(String title, Path initialDir, List<FileFilter> filters) {
        File file = chooser(title, initialDir, filters).showOpenDialog(owner);
        return Optional.ofNullable(file).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, Path initialDir, String initialName, List<FileFilter> filters) {
        FileChooser chooser = chooser(title, initialDir, filters);
        chooser.setInitialFileName(initialName);
        File file = chooser.showSaveDialog(owner);
        return Optional.ofNullable(file).map(File::toPath);
    }

    @Override
    public OptionalInt askPixels(String title, String prompt, int initial) {
        Dialog<Integer> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(title);
        Spinner<Integer> spinner = new Spinner<>(1, 500, initial);
        spinner.setEditable(true);
        VBox box = new VBox(8, new Label(prompt), spinner);
        box.setPadding(new Insets(12));
        dialog.getDialogPane().setContent(box);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setResultConverter(b -> b == ButtonType.OK ? spinner.getValue() : null);
        return dialog.showAndWait().map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    @Override
    public Optional<Float> askJpegQuality(float initial) {
        Dialog<Float> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("JPEG quality");
        Slider slider = new Slider(0.3, 1.0, initial);
        slider.setShowTickLabels(true);
        slider.setMajorTickUnit(0.1);
        Label value = new Label();
        value.textProperty().bind(slider.valueProperty().multiply(100).asString("Quality %.0f %%"));
        VBox box = new VBox(8, value, slider);
        box.setPadding(new Insets(12));
        box.setPrefWidth(320);
        dialog.getDialogPane().setContent(box);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setResultConverter(b -> b == ButtonType.OK ? (float) slider.getValue() : null);
        return dialog.showAndWait();
    }

    private Alert alert(Alert.AlertType type, String title, String message) {
        Alert alert = new Alert(type);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(title);
        alert.setContentText(message);
        alert.getDialogPane().setMinWidth(460);
        // Alerts on Linux otherwise keep their default height and cut longer messages off with "...".
        alert.getDialogPane().setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        alert.setResizable(true);
        return alert;
    }

    private FileChooser chooser(String title, Path initialDir, List<FileFilter> filters) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        if (initialDir != null && Files.isDirectory(initialDir)) {
            chooser.setInitialDirectory(initialDir.toFile());
        }
        for (FileFilter filter : filters) {
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(filter.description(), filter.patterns()));
        }
        return chooser;
    }
}
