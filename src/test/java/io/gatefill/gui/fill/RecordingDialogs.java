package io.gatefill.gui.fill;

import io.gatefill.gui.DialogService;
import io.gatefill.gui.FileFilter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** A {@link DialogService} that records errors and answers every question with "no". */
final class RecordingDialogs implements DialogService {
    final List<String> errors = new ArrayList<>();

    @Override
    public void showError(String title, String message) {
        errors.add(title + ": " + message);
    }

    @Override
    public void showInfo(String title, String message) {
    }

    @Override
    public boolean confirm(String title, String message, String confirmLabel) {
        return false;
    }

    @Override
    public SaveChoice askSaveChanges(String documentName) {
        return SaveChoice.DISCARD;
    }

    @Override
    public RecoveryChoice askRecovery(List<Path> files) {
        return RecoveryChoice.LATER;
    }

    @Override
    public Optional<Path> chooseOpenFile(String title, Path initialDir, List<FileFilter> filters) {
        return Optional.empty();
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, Path initialDir, String initialName, List<FileFilter> filters) {
        return Optional.empty();
    }

    @Override
    public OptionalInt askPixels(String title, String prompt, int initial) {
        return OptionalInt.empty();
    }

    @Override
    public Optional<Float> askJpegQuality(float initial) {
        return Optional.empty();
    }
}
