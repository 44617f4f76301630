package io.gatefill.gui;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything a view model may ask the user, as plain calls (JabRef's pattern): the application
 * implements it with JavaFX dialogs, tests with canned answers.
 */
public interface DialogService {
    /** What to do with unsaved changes: save a project, export the edited image, let them go, or stay. */
    enum SaveChoice { SAVE, EXPORT, DISCARD, CANCEL }

    /** What to do with recovery files of a crashed session. */
    enum RecoveryChoice { RESTORE, DISCARD, LATER }

    void showError(String title, String message);

    void showInfo(String title, String message);

    boolean confirm(String title, String message, String confirmLabel);

    SaveChoice askSaveChanges(String documentName);

    RecoveryChoice askRecovery(List<Path> files);

    /** As {@link #askRecovery(List)}, naming the project the newest file belongs to (null: an unsaved photo). */
    default RecoveryChoice askRecovery(List<Path> files, String projectName) {
        return askRecovery(files);
    }

    Optional<Path> chooseOpenFile(String title, Path initialDir, List<FileFilter> filters);

    Optional<Path> chooseSaveFile(String title, Path initialDir, String initialName, List<FileFilter> filters);

    OptionalInt askPixels(String title, String prompt, int initial);

    /** Asks for a JPEG quality in 0..1; empty if cancelled. */
    Optional<Float> askJpegQuality(float initial);
}
