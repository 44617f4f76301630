package io.gatefill.gui;

import io.gatefill.core.document.Document;
import io.gatefill.core.io.ImageFiles;
import io.gatefill.core.io.OutputRefusedException;
import io.gatefill.core.io.WriteGuard;
import io.gatefill.core.io.SaveOptions;
import io.gatefill.core.project.ProjectFile;
import io.gatefill.core.settings.Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Asks what to do with unsaved work before it is closed or replaced: save it as a project, export the
 * edited image, discard it or cancel. Runs on the UI thread and writes there, because the caller needs
 * the answer before it goes on.
 */
final class UnsavedWork {
    static final List<FileFilter> PROJECT_FILTERS = List.of(
            FileFilter.of("Gatefill project", "*" + ProjectFile.EXTENSION));
    private static final List<FileFilter> EXPORT_FILTERS = List.of(FileFilter.of("PNG image", "*.png"),
            FileFilter.of("JPEG image", "*.jpg", "*.jpeg"));

    private final DialogService dialogs;
    private final Settings settings;
    private final Supplier<Path> lastDirectory;
    private final Consumer<Path> remember;
    /** Core's write rule as the editor applies it (never the opened photo, never the model's files). */
    private final Function<Document, WriteGuard> writeGuard;

    UnsavedWork(DialogService dialogs, Settings settings, Supplier<Path> lastDirectory, Consumer<Path> remember,
                Function<Document, WriteGuard> writeGuard) {
        this.writeGuard = writeGuard;
        this.dialogs = dialogs;
        this.settings = settings;
        this.lastDirectory = lastDirectory;
        this.remember = remember;
    }

    /** True when {@code doc} (may be null) may go: nothing unsaved, or saved, exported or discarded. */
    boolean mayDiscard(Document doc, String displayName) {
        if (doc == null || !doc.history().isDirty()) {
            return true;
        }
        return switch (dialogs.askSaveChanges(displayName)) {
            case DISCARD -> true;
            case CANCEL -> false;
            case SAVE -> saveProject(doc);
            case EXPORT -> exportImage(doc);
        };
    }

    private boolean saveProject(Document doc) {
        Path target = doc.projectPath();
        if (target == null) {
            Optional<Path> chosen = dialogs.chooseSaveFile("Save project", lastDirectory.get(),
                    EditorPaths.baseName(doc) + ProjectFile.EXTENSION, PROJECT_FILTERS);
            if (chosen.isEmpty()) {
                return false;
            }
            target = EditorPaths.withExtension(chosen.get(), ProjectFile.EXTENSION);
        }
        try {
            writeGuard.apply(doc).check(target);
            ProjectFile.write(doc.snapshot(), target);
            doc.setProjectPath(target);
            doc.history().markSaved();
            remember.accept(target);
            return true;
        } catch (IOException | RuntimeException e) {
            dialogs.showError("Cannot save project " + target.getFileName(), EditorPaths.describe(e));
            return false;
        }
    }

    /** Exports the edited photo as PNG or JPEG; the work itself is then let go, as the user chose. */
    private boolean exportImage(Document doc) {
        Path initialDir = doc.sourcePath() != null ? doc.sourcePath().toAbsolutePath().getParent() : lastDirectory.get();
        Optional<Path> chosen = dialogs.chooseSaveFile("Export image", initialDir,
                EditorPaths.baseName(doc) + "-gatefill.png", EXPORT_FILTERS);
        if (chosen.isEmpty()) {
            return false;
        }
        Path target = chosen.get();
        String name = String.valueOf(target.getFileName()).toLowerCase(java.util.Locale.ROOT);
        boolean jpeg = name.endsWith(".jpg") || name.endsWith(".jpeg");
        if (!jpeg && !name.endsWith(".png")) {
            dialogs.showError("Cannot export", "Use .png or .jpg here; other formats are in File ▸ Export Image….");
            return false;
        }
        try {
            writeGuard.apply(doc).check(target);
        } catch (OutputRefusedException e) {
            dialogs.showError("Cannot export", e.getMessage() + " Choose another name.");
            return false;
        }
        Optional<Float> quality = jpeg ? dialogs.askJpegQuality(settings.jpegQuality) : Optional.of(settings.jpegQuality);
        if (quality.isEmpty()) {
            return false;
        }
        try {
            ImageFiles.save(doc.snapshot().image(), target,
                    new SaveOptions(jpeg ? SaveOptions.Format.JPEG : SaveOptions.Format.PNG, quality.get(), true),
                    doc.metadata());
            return true;
        } catch (IOException | RuntimeException e) {
            dialogs.showError("Cannot export " + target.getFileName(), EditorPaths.describe(e));
            return false;
        }
    }
}
