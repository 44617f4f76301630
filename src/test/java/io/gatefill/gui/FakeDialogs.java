package io.gatefill.gui;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** A scripted {@link DialogService}: records what was shown and answers from queues set by the test. */
final class FakeDialogs implements DialogService {
    final List<String> errors = new ArrayList<>();
    final List<String> confirmations = new ArrayList<>();
    final Deque<Path> files = new ArrayDeque<>();
    boolean confirmAnswer;
    SaveChoice saveChoice = SaveChoice.CANCEL;
    RecoveryChoice recoveryChoice = RecoveryChoice.LATER;
    int pixels = 4;
    int saveQuestions;
    String recoveryProject;

    @Override
    public void showError(String title, String message) {
        errors.add(title + ": " + message);
    }

    @Override
    public void showInfo(String title, String message) {
    }

    @Override
    public boolean confirm(String title, String message, String confirmLabel) {
        confirmations.add(title);
        return confirmAnswer;
    }

    @Override
    public SaveChoice askSaveChanges(String documentName) {
        saveQuestions++;
        return saveChoice;
    }

    @Override
    public RecoveryChoice askRecovery(List<Path> found) {
        return recoveryChoice;
    }

    @Override
    public RecoveryChoice askRecovery(List<Path> found, String projectName) {
        recoveryProject = projectName;
        return recoveryChoice;
    }

    @Override
    public Optional<Path> chooseOpenFile(String title, Path initialDir, List<FileFilter> filters) {
        return Optional.ofNullable(files.poll());
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, Path initialDir, String initialName, List<FileFilter> filters) {
        return Optional.ofNullable(files.poll());
    }

    @Override
    public OptionalInt askPixels(String title, String prompt, int initial) {
        return OptionalInt.of(pixels);
    }

    @Override
    public Optional<Float> askJpegQuality(float initial) {
        return Optional.of(0.8f);
    }
}
