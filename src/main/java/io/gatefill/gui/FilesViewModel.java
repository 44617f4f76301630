package io.gatefill.gui;

import io.gatefill.core.document.Document;
import io.gatefill.core.document.DocumentSnapshot;
import io.gatefill.core.document.MaskEdits;
import io.gatefill.core.document.MaskOps;
import io.gatefill.core.io.ImageFiles;
import io.gatefill.core.io.LoadedImage;
import io.gatefill.core.io.MaskFiles;
import io.gatefill.core.io.SaveOptions;
import io.gatefill.core.io.WriteGuard;
import io.gatefill.core.project.ProjectFile;
import io.gatefill.core.raster.GrayRaster;
import io.gatefill.core.settings.Settings;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The editor's file commands: open (photo or project), close, save project (as), export image,
 * import / export mask, and the question about unsaved work before any of them discards it.
 */
public final class FilesViewModel {
    public static final List<FileFilter> OPEN_FILTERS = List.of(
            FileFilter.of("Photos and projects", "*.png", "*.jpg", "*.jpeg", "*.bmp", "*.gif", "*.tif", "*.tiff",
                    "*.webp", "*" + ProjectFile.EXTENSION),
            FileFilter.of("Gatefill projects", "*" + ProjectFile.EXTENSION),
            FileFilter.of("All files", "*.*"));
    private static final List<FileFilter> MASK_FILTERS = List.of(FileFilter.of("Mask PNG (white = hole)", "*.png"));

    private final EditorViewModel editor;
    private final Settings settings;
    private final DialogService dialogs;
    private final RecentFilesViewModel recent;
    private final UnsavedWork unsaved;

    FilesViewModel(EditorViewModel editor, Settings settings, DialogService dialogs, RecentFilesViewModel recent) {
        this.editor = editor;
        this.settings = settings;
        this.dialogs = dialogs;
        this.recent = recent;
        this.unsaved = new UnsavedWork(dialogs, settings, recent::lastDirectory, recent::remember,
                doc -> guard(doc, false));
    }

    /** The write rule for a save of {@code doc}, with the files of the model the editor uses. */
    private WriteGuard guard(Document doc, boolean sourceConfirmed) {
        return EditorPaths.writeGuard(doc, sourceConfirmed, editor.modelInUse());
    }

    // ---- opening and closing ---------------------------------------------------------------

    public void chooseAndOpen() {
        dialogs.chooseOpenFile("Open photo or project", recent.lastDirectory(), OPEN_FILTERS).ifPresent(this::open);
    }

    /**
     * Opens a photo or a {@code .gatefill} project. The file is read and checked first; only a file that
     * opened asks about the current unsaved work, so a bad file never costs it (it shows why instead).
     */
    public void open(Path path) {
        boolean project = EditorPaths.isProject(path);
        String name = String.valueOf(path.getFileName());
        long maxPixels = settings.maxPixels;
        editor.run("Opening " + name, () -> project ? ProjectFile.read(path) : ImageFiles.load(path, maxPixels),
                result -> {
                    Document opened = result instanceof LoadedImage loaded
                            ? new Document(loaded.image(), loaded.metadata(), path, loaded.formatName(), editor.newHistory())
                            : editor.fromSnapshot((DocumentSnapshot) result);
                    if (project) {
                        opened.setProjectPath(path);
                    }
                    if (!confirmDiscard()) {
                        editor.status().say("Kept " + EditorPaths.displayName(editor.doc()) + "; " + name + " not opened");
                        return;
                    }
                    editor.documentProperty().set(opened);
                    recent.remember(path);
                    editor.status().say("Opened " + name);
                },
                error -> dialogs.showError("Cannot open " + name, EditorPaths.describe(error)));
    }

    /** File ▸ Close: asks about unsaved work, then leaves the window empty (the editor stays open). */
    public void closeDocument() {
        editor.tools().endStroke();
        if (editor.getDocument() != null && confirmDiscard()) {
            editor.documentProperty().set(null);
            editor.status().say(EditorViewModel.WELCOME);
        }
    }

    /** Asks about unsaved work; true when the window may close (saved or discarded). */
    public boolean confirmClose() {
        editor.tools().endStroke();
        return confirmDiscard();
    }

    private boolean confirmDiscard() {
        Document doc = editor.getDocument();
        return unsaved.mayDiscard(doc, doc == null ? null : EditorPaths.displayName(doc));
    }

    // ---- mask files ----------------------------------------------------------------------

    public void importMask() {
        dialogs.chooseOpenFile("Import mask (white = hole)", recent.lastDirectory(), MASK_FILTERS)
                .ifPresent(this::importMask);
    }

    /** Reads a mask PNG the size of the photo and replaces the mask with it, as one undoable step. */
    public void importMask(Path path) {
        Document doc = editor.doc();
        editor.run("Importing mask", () -> MaskFiles.read(path, doc.width(), doc.height()),
                mask -> {
                    if (editor.getDocument() == doc) {
                        editor.history().push(MaskEdits.replaceMask(doc, mask, "Import mask"));
                        editor.status().say("Imported mask " + path.getFileName());
                    }
                },
                error -> dialogs.showError("Cannot import mask " + path.getFileName(), EditorPaths.describe(error)));
    }

    public void exportMask() {
        Document doc = editor.doc();
        dialogs.chooseSaveFile("Export mask (white = hole)", recent.lastDirectory(),
                EditorPaths.baseName(doc) + "-mask.png", MASK_FILTERS).ifPresent(this::exportMask);
    }

    /** Writes the binarised mask (value >= 128 becomes white) as a PNG. */
    public void exportMask(Path path) {
        Document doc = editor.doc();
        GrayRaster binary = MaskOps.binarise(doc.mask());
        editor.run("Exporting mask", () -> {
            guard(doc, false).check(path);
            MaskFiles.write(binary, path, true); // the file chooser already confirmed replacing
            return path;
        }, p -> editor.status().say("Exported mask to " + p.getFileName()),
                error -> dialogs.showError("Cannot export mask", EditorPaths.describe(error)));
    }

    // ---- saving --------------------------------------------------------------------------

    public void saveProject() {
        Document doc = editor.doc();
        if (doc.projectPath() == null) {
            saveProjectAs();
        } else {
            saveProjectTo(doc.projectPath(), null);
        }
    }

    public void saveProjectAs() {
        Document doc = editor.doc();
        dialogs.chooseSaveFile("Save project", recent.lastDirectory(), EditorPaths.baseName(doc) + ProjectFile.EXTENSION,
                        UnsavedWork.PROJECT_FILTERS)
                .ifPresent(p -> saveProjectTo(EditorPaths.withExtension(p, ProjectFile.EXTENSION), null));
    }

    /** Writes the project in the background; {@code done} (may be null) hears whether it worked. */
    public void saveProjectTo(Path path, Consumer<Boolean> done) {
        Document doc = editor.doc();
        editor.tools().endStroke();
        DocumentSnapshot snapshot = doc.snapshot();
        long revision = doc.history().revision();
        editor.run("Saving " + path.getFileName(), () -> {
            guard(doc, false).check(path);
            ProjectFile.write(snapshot, path);
            return path;
        }, p -> {
            doc.setProjectPath(p);
            // Edits made while saving are not in the file, so the document stays dirty then.
            if (doc.history().revision() == revision) {
                doc.history().markSaved();
            }
            recent.remember(p);
            editor.history().refreshTitle();
            editor.status().say("Saved project " + p.getFileName());
            if (done != null) {
                done.accept(true);
            }
        }, error -> {
            dialogs.showError("Cannot save project " + path.getFileName(), EditorPaths.describe(error));
            if (done != null) {
                done.accept(false);
            }
        });
    }

    public void export() {
        Document doc = editor.doc();
        List<FileFilter> filters = new ArrayList<>(List.of(FileFilter.of("PNG image", "*.png"),
                FileFilter.of("JPEG image", "*.jpg", "*.jpeg")));
        String sourceExt = EditorPaths.sourceExtension(doc);
        if (sourceExt != null && !List.of("png", "jpg", "jpeg").contains(sourceExt)) {
            filters.add(FileFilter.of("Source format (" + sourceExt.toUpperCase(Locale.ROOT) + ")", "*." + sourceExt));
        }
        Path initialDir = doc.sourcePath() != null ? doc.sourcePath().toAbsolutePath().getParent() : recent.lastDirectory();
        dialogs.chooseSaveFile("Export image", initialDir, EditorPaths.baseName(doc) + "-gatefill.png", filters)
                .ifPresent(target -> {
                    String ext = EditorPaths.extension(target);
                    if (ext.equals("jpg") || ext.equals("jpeg")) {
                        dialogs.askJpegQuality(settings.jpegQuality).ifPresent(q -> {
                            settings.jpegQuality = q;
                            exportTo(target, new SaveOptions(SaveOptions.Format.JPEG, q, true));
                        });
                    } else if (ext.equals("png")) {
                        exportTo(target, new SaveOptions(SaveOptions.Format.PNG, settings.jpegQuality, true));
                    } else if (ext.equals(sourceExt)) {
                        exportTo(target, new SaveOptions(SaveOptions.Format.SAME, settings.jpegQuality, true));
                    } else {
                        dialogs.showError("Cannot export", "Unsupported export format \"" + ext
                                + "\". Use .png, .jpg or the photo's own format.");
                    }
                });
    }

    /**
     * Writes the edited photo. Overwriting the file the photo came from needs an explicit
     * confirmation: the original is the one thing this editor must never lose silently.
     */
    public void exportTo(Path target, SaveOptions requested) {
        Document doc = editor.doc();
        boolean original = EditorPaths.isSourceFile(doc, target);
        if (original && !dialogs.confirm("Overwrite the original?",
                "\"" + target.getFileName() + "\" is the photo you opened. Overwriting it replaces the original "
                        + "for good.", "Overwrite original")) {
            editor.status().say("Export cancelled; the original was not touched");
            return;
        }
        SaveOptions options = original ? requested.withOverwrite(true) : requested;
        BufferedImage copy = doc.snapshot().image();
        editor.run("Exporting " + target.getFileName(), () -> {
            guard(doc, original).check(target); // the original only after the confirmation above
            ImageFiles.save(copy, target, options, doc.metadata());
            return target;
        }, p -> editor.status().say("Exported " + p.getFileName()),
                error -> dialogs.showError("Cannot export " + target.getFileName(), EditorPaths.describe(error)));
    }
}
