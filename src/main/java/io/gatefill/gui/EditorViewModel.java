package io.gatefill.gui;

import io.gatefill.core.document.Document;
import io.gatefill.core.document.DocumentSnapshot;
import io.gatefill.core.document.MaskEdits;
import io.gatefill.core.document.MaskOps;
import io.gatefill.core.history.Edit;
import io.gatefill.core.history.History;
import io.gatefill.core.history.HistoryListener;
import io.gatefill.core.io.ImageFiles;
import io.gatefill.core.io.LoadedImage;
import io.gatefill.core.io.MaskFiles;
import io.gatefill.core.io.SaveOptions;
import io.gatefill.core.io.WriteGuard;
import io.gatefill.core.project.ProjectFile;
import io.gatefill.core.project.RecoveryStore;
import io.gatefill.core.raster.GrayRaster;
import io.gatefill.core.settings.Settings;
import io.gatefill.core.settings.SettingsStore;
import io.gatefill.core.tools.BrushSettings;
import io.gatefill.core.tools.BrushTool;
import io.gatefill.core.tools.ToolKind;
import io.gatefill.engine.ModelFiles;
import io.gatefill.engine.ModelLoadException;
import io.gatefill.gui.task.BackgroundTask;
import io.gatefill.gui.task.TaskExecutor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State and commands of the editor window: the open document, the active tool and brush, history,
 * recent files, status. Uses only JavaFX properties (no controls, no scene), asks the user through a
 * {@link DialogService} and runs file work through a {@link TaskExecutor}, so it is tested without a window.
 * All methods are called on the UI thread.
 */
public final class EditorViewModel {
    public static final List<FileFilter> OPEN_FILTERS = List.of(
            FileFilter.of("Photos and projects", "*.png", "*.jpg", "*.jpeg", "*.bmp", "*.gif", "*.tif", "*.tiff",
                    "*.webp", "*" + ProjectFile.EXTENSION),
            FileFilter.of("Gatefill projects", "*" + ProjectFile.EXTENSION),
            FileFilter.of("All files", "*.*"));
    private static final List<FileFilter> PROJECT_FILTERS = UnsavedWork.PROJECT_FILTERS;
    private static final List<FileFilter> MASK_FILTERS = List.of(FileFilter.of("Mask PNG (white = hole)", "*.png"));

    private final Settings settings;
    private final SettingsStore settingsStore;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final RecoveryStore recovery;
    private final UnsavedWork unsaved;

    private final ObjectProperty<Document> document = new SimpleObjectProperty<>();
    private final ObjectProperty<ToolKind> tool = new SimpleObjectProperty<>(ToolKind.MASK_BRUSH);
    private final IntegerProperty brushSize = new SimpleIntegerProperty();
    private final DoubleProperty hardness = new SimpleDoubleProperty();
    private final BooleanProperty showOriginal = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("Gatefill");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper hasPreviousMask = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper undoText = new ReadOnlyStringWrapper("Undo");
    private final ReadOnlyStringWrapper redoText = new ReadOnlyStringWrapper("Redo");
    private final ReadOnlyIntegerWrapper historyPosition = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper busyCount = new ReadOnlyIntegerWrapper();
    private final ObservableList<String> historyItems = FXCollections.observableArrayList();
    private final ObservableList<String> recentFiles = FXCollections.observableArrayList();
    private final StringProperty statusMessage = new SimpleStringProperty("Open a photo: Ctrl+O, or drop a file here");
    private final StringProperty engineStatus = new SimpleStringProperty("Model: not loaded");
    private final StringProperty cursorText = new SimpleStringProperty("");
    private final StringProperty zoomText = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper sizeText = new ReadOnlyStringWrapper("");

    private final Map<ToolKind, BrushSettings> brushes = new EnumMap<>(ToolKind.class);
    private final Map<EditorAction, BooleanBinding> executable = new EnumMap<>(EditorAction.class);
    private final HistoryListener historyListener = h -> refreshHistory();
    private BrushTool stroke;

    public EditorViewModel(Settings settings, SettingsStore settingsStore, TaskExecutor executor, DialogService dialogs,
                           RecoveryStore recovery) {
        this.settings = settings;
        this.settingsStore = settingsStore;
        this.executor = executor;
        this.dialogs = dialogs;
        this.recovery = recovery;
        this.unsaved = new UnsavedWork(dialogs, settings, this::lastDirectory, this::remember,
                doc -> writeGuard(doc, false));
        for (ToolKind kind : ToolKind.values()) {
            brushes.put(kind, new BrushSettings(kind.defaultSize(), kind.defaultHardness()));
        }
        recentFiles.setAll(settings.recentFiles);
        loadBrush(tool.get());
        tool.addListener((obs, old, now) -> loadBrush(now));
        brushSize.addListener((obs, old, now) -> brushes.get(tool.get()).setSize(now.intValue()));
        hardness.addListener((obs, old, now) -> brushes.get(tool.get()).setHardness(now.doubleValue()));
        document.addListener((obs, old, now) -> documentReplaced(old, now));
    }

    // ---- properties for binding ------------------------------------------------------------

    public ObjectProperty<Document> documentProperty() {
        return document;
    }

    public Document getDocument() {
        return document.get();
    }

    public ObjectProperty<ToolKind> toolProperty() {
        return tool;
    }

    public IntegerProperty brushSizeProperty() {
        return brushSize;
    }

    public DoubleProperty hardnessProperty() {
        return hardness;
    }

    public BooleanProperty showOriginalProperty() {
        return showOriginal;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty undoTextProperty() {
        return undoText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty redoTextProperty() {
        return redoText.getReadOnlyProperty();
    }

    /** Index into {@link #historyItems()} of the current state (0 = as opened). */
    public ReadOnlyIntegerProperty historyPositionProperty() {
        return historyPosition.getReadOnlyProperty();
    }

    /** "Opened" followed by one entry per kept edit, oldest first. */
    public ObservableList<String> historyItems() {
        return historyItems;
    }

    public ObservableList<String> recentFiles() {
        return recentFiles;
    }

    public StringProperty statusMessageProperty() {
        return statusMessage;
    }

    /** Left for the inpainting engine: which model and device are in use. */
    public StringProperty engineStatusProperty() {
        return engineStatus;
    }

    public StringProperty cursorTextProperty() {
        return cursorText;
    }

    public StringProperty zoomTextProperty() {
        return zoomText;
    }

    public ReadOnlyStringProperty sizeTextProperty() {
        return sizeText.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty busyCountProperty() {
        return busyCount.getReadOnlyProperty();
    }

    public Settings settings() {
        return settings;
    }

    /** Whether {@code action} can run now; menus and buttons bind their disable state to it. */
    public BooleanBinding executable(EditorAction action) {
        // Cached: every binding adds listeners to the properties it reads, so one per action, not per call.
        return executable.computeIfAbsent(action, this::createExecutable);
    }

    private BooleanBinding createExecutable(EditorAction action) {
        BooleanBinding hasDoc = document.isNotNull();
        return switch (action) {
            case OPEN, QUIT, BATCH, HELP_SHORTCUTS, HELP_GUIDE, HELP_MODEL, HELP_ABOUT ->
                    Bindings.createBooleanBinding(() -> true);
            case UNDO -> canUndo.getReadOnlyProperty().and(hasDoc);
            case REDO, REDO_ALT -> canRedo.getReadOnlyProperty().and(hasDoc);
            case REUSE_MASK -> hasPreviousMask.getReadOnlyProperty().and(hasDoc);
            default -> hasDoc;
        };
    }

    /** Runs a menu or shortcut command (view-only ones such as zoom are handled by the view). */
    public void perform(EditorAction action) {
        switch (action) {
            case OPEN -> chooseAndOpen();
            case SAVE_PROJECT -> saveProject();
            case SAVE_PROJECT_AS -> saveProjectAs();
            case EXPORT -> export();
            case UNDO -> undo();
            case REDO, REDO_ALT -> redo();
            case CLEAR_MASK -> push(MaskEdits.clearMask(doc()));
            case INVERT_MASK -> push(Optional.of(MaskEdits.invertMask(doc())));
            case GROW_MASK -> dialogs.askPixels("Grow mask", "Grow the mask by (px):", 8)
                    .ifPresent(n -> push(MaskEdits.growMask(doc(), n)));
            case SHRINK_MASK -> dialogs.askPixels("Shrink mask", "Shrink the mask by (px):", 8)
                    .ifPresent(n -> push(MaskEdits.shrinkMask(doc(), n)));
            case REUSE_MASK -> push(MaskEdits.reusePreviousMask(doc()));
            case IMPORT_MASK -> importMask();
            case EXPORT_MASK -> exportMask();
            case CLEAR_SKETCH -> push(MaskEdits.clearSketch(doc()));
            case TOOL_MASK_BRUSH -> tool.set(ToolKind.MASK_BRUSH);
            case TOOL_MASK_ERASER -> tool.set(ToolKind.MASK_ERASER);
            case TOOL_SKETCH_PEN -> tool.set(ToolKind.SKETCH_PEN);
            case TOOL_SKETCH_ERASER -> tool.set(ToolKind.SKETCH_ERASER);
            case BRUSH_SMALLER -> brushSize.set(BrushSizing.smaller(brushSize.get()));
            case BRUSH_LARGER -> brushSize.set(BrushSizing.larger(brushSize.get()));
            case CLOSE -> closeDocument();
            case QUIT, BATCH, ZOOM_IN, ZOOM_OUT, ZOOM_FIT, ZOOM_100, HELP_SHORTCUTS, HELP_GUIDE, HELP_MODEL, HELP_ABOUT -> {
                // handled by the view: they concern the window and the viewport only
            }
        }
    }

    // ---- opening -------------------------------------------------------------------------

    public void chooseAndOpen() {
        dialogs.chooseOpenFile("Open photo or project", lastDirectory(), OPEN_FILTERS).ifPresent(this::open);
    }

    /**
     * Opens a photo or a {@code .gatefill} project. The file is read and checked first; only a file that
     * opened asks about the current unsaved work, so a bad file never costs it (it shows why instead).
     */
    public void open(Path path) {
        boolean project = isProject(path);
        String name = String.valueOf(path.getFileName());
        long maxPixels = settings.maxPixels;
        run("Opening " + name, () -> project ? ProjectFile.read(path) : ImageFiles.load(path, maxPixels),
                result -> {
                    Document opened = result instanceof LoadedImage loaded
                            ? new Document(loaded.image(), loaded.metadata(), path, loaded.formatName(), newHistory())
                            : fromSnapshot((DocumentSnapshot) result);
                    if (project) {
                        opened.setProjectPath(path);
                    }
                    if (!confirmDiscard()) {
                        statusMessage.set("Kept " + displayName(doc()) + "; " + name + " not opened");
                        return;
                    }
                    document.set(opened);
                    remember(path);
                    statusMessage.set("Opened " + name);
                },
                error -> dialogs.showError("Cannot open " + name, describe(error)));
    }

    /** File ▸ Close: asks about unsaved work, then leaves the window empty (the editor stays open). */
    public void closeDocument() {
        endStroke();
        if (document.get() != null && confirmDiscard()) {
            document.set(null);
            statusMessage.set("Open a photo: Ctrl+O, or drop a file here");
        }
    }

    // ---- painting (image coordinates) ----------------------------------------------------

    public boolean isStroking() {
        return stroke != null;
    }

    public void beginStroke(double x, double y) {
        Document doc = document.get();
        if (doc == null || stroke != null || doc.history().isBusy()) {
            return;
        }
        stroke = new BrushTool(tool.get(), brushes.get(tool.get()));
        stroke.startStroke(doc, x, y);
    }

    public void strokeTo(double x, double y) {
        if (stroke != null) {
            stroke.continueTo(x, y);
        }
    }

    public void endStroke() {
        if (stroke != null) {
            BrushTool finishing = stroke;
            stroke = null;
            finishing.finishStroke();
        }
    }

    // ---- history -------------------------------------------------------------------------

    public void undo() {
        endStroke();
        Document doc = document.get();
        if (doc != null && doc.history().canUndo() && !doc.history().isBusy()) {
            String what = doc.history().undoDescription();
            doc.history().undo();
            statusMessage.set("Undid " + what); // replaces what that step had said ("Filled … in 3.3 s")
        }
    }

    public void redo() {
        endStroke();
        Document doc = document.get();
        if (doc != null && doc.history().canRedo() && !doc.history().isBusy()) {
            String what = doc.history().redoDescription();
            doc.history().redo();
            statusMessage.set("Redid " + what);
        }
    }

    /** Jumps to an entry of {@link #historyItems()} (the history list's click). */
    public void jumpTo(int index) {
        endStroke();
        Document doc = document.get();
        if (doc != null && index >= 0 && index <= doc.history().size() && index != doc.history().position()) {
            doc.history().jumpTo(index);
            statusMessage.set("History: at step " + index + " of " + doc.history().size());
        }
    }

    /** Pushes an edit built elsewhere (the Fill feature pushes its composite edit here). */
    public void push(Edit edit) {
        endStroke();
        doc().history().push(edit);
    }

    // ---- mask files ----------------------------------------------------------------------

    public void importMask() {
        dialogs.chooseOpenFile("Import mask (white = hole)", lastDirectory(), MASK_FILTERS).ifPresent(this::importMask);
    }

    /** Reads a mask PNG the size of the photo and replaces the mask with it, as one undoable step. */
    public void importMask(Path path) {
        Document doc = doc();
        run("Importing mask", () -> MaskFiles.read(path, doc.width(), doc.height()),
                mask -> {
                    if (document.get() == doc) {
                        push(MaskEdits.replaceMask(doc, mask, "Import mask"));
                        statusMessage.set("Imported mask " + path.getFileName());
                    }
                },
                error -> dialogs.showError("Cannot import mask " + path.getFileName(), describe(error)));
    }

    public void exportMask() {
        Document doc = doc();
        dialogs.chooseSaveFile("Export mask (white = hole)", lastDirectory(), baseName(doc) + "-mask.png", MASK_FILTERS)
                .ifPresent(this::exportMask);
    }

    /** Writes the binarised mask (value >= 128 becomes white) as a PNG. */
    public void exportMask(Path path) {
        GrayRaster binary = MaskOps.binarise(doc().mask());
        Document doc = doc();
        run("Exporting mask", () -> {
            writeGuard(doc, false).check(path);
            MaskFiles.write(binary, path, true); // the file chooser already confirmed replacing
            return path;
        }, p -> statusMessage.set("Exported mask to " + p.getFileName()),
                error -> dialogs.showError("Cannot export mask", describe(error)));
    }

    // ---- saving --------------------------------------------------------------------------

    public void saveProject() {
        Document doc = doc();
        if (doc.projectPath() == null) {
            saveProjectAs();
        } else {
            saveProjectTo(doc.projectPath(), null);
        }
    }

    public void saveProjectAs() {
        Document doc = doc();
        dialogs.chooseSaveFile("Save project", lastDirectory(), baseName(doc) + ProjectFile.EXTENSION, PROJECT_FILTERS)
                .ifPresent(p -> saveProjectTo(withExtension(p, ProjectFile.EXTENSION), null));
    }

    /** Writes the project in the background; {@code done} (may be null) hears whether it worked. */
    public void saveProjectTo(Path path, Consumer<Boolean> done) {
        Document doc = doc();
        endStroke();
        DocumentSnapshot snapshot = doc.snapshot();
        long revision = doc.history().revision();
        run("Saving " + path.getFileName(), () -> {
            writeGuard(doc, false).check(path);
            ProjectFile.write(snapshot, path);
            return path;
        }, p -> {
            doc.setProjectPath(p);
            // Edits made while saving are not in the file, so the document stays dirty then.
            if (doc.history().revision() == revision) {
                doc.history().markSaved();
            }
            remember(p);
            refreshTitle();
            statusMessage.set("Saved project " + p.getFileName());
            if (done != null) {
                done.accept(true);
            }
        }, error -> {
            dialogs.showError("Cannot save project " + path.getFileName(), describe(error));
            if (done != null) {
                done.accept(false);
            }
        });
    }

    public void export() {
        Document doc = doc();
        List<FileFilter> filters = new ArrayList<>(List.of(FileFilter.of("PNG image", "*.png"),
                FileFilter.of("JPEG image", "*.jpg", "*.jpeg")));
        String sourceExt = sourceExtension(doc);
        if (sourceExt != null && !List.of("png", "jpg", "jpeg").contains(sourceExt)) {
            filters.add(FileFilter.of("Source format (" + sourceExt.toUpperCase(Locale.ROOT) + ")", "*." + sourceExt));
        }
        Path initialDir = doc.sourcePath() != null ? doc.sourcePath().toAbsolutePath().getParent() : lastDirectory();
        dialogs.chooseSaveFile("Export image", initialDir, baseName(doc) + "-gatefill.png", filters)
                .ifPresent(target -> {
                    String ext = extension(target);
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
        Document doc = doc();
        boolean original = isSourceFile(doc, target);
        if (original && !dialogs.confirm("Overwrite the original?",
                "\"" + target.getFileName() + "\" is the photo you opened. Overwriting it replaces the original "
                        + "for good.", "Overwrite original")) {
            statusMessage.set("Export cancelled; the original was not touched");
            return;
        }
        SaveOptions options = original ? requested.withOverwrite(true) : requested;
        BufferedImage copy = doc.snapshot().image();
        run("Exporting " + target.getFileName(), () -> {
            writeGuard(doc, original).check(target); // the original only after the confirmation above
            ImageFiles.save(copy, target, options, doc.metadata());
            return target;
        }, p -> statusMessage.set("Exported " + p.getFileName()),
                error -> dialogs.showError("Cannot export " + target.getFileName(), describe(error)));
    }

    // ---- closing and recovery ------------------------------------------------------------

    /** Asks about unsaved work; true when the window may close (saved or discarded). */
    public boolean confirmClose() {
        endStroke();
        return confirmDiscard();
    }

    /** A snapshot of the document if it has unsaved changes, else null: the autosaver's source. */
    public DocumentSnapshot snapshotIfDirty() {
        Document doc = document.get();
        // Mid-stroke is fine: the half-painted stroke is saved as it is, which is still the user's work.
        return doc == null || !doc.history().isDirty() ? null : doc.snapshot();
    }

    /** Offers to restore what a crashed session left in the recovery folder. */
    public void offerRecovery() {
        if (recovery == null) {
            return;
        }
        List<Path> orphans;
        try {
            orphans = recovery.orphans();
        } catch (IOException e) {
            dialogs.showError("Recovery folder unreadable", describe(e));
            return;
        }
        if (orphans.isEmpty()) {
            return;
        }
        Path project = RecoveryNote.read(orphans.get(0)).projectPath();
        switch (dialogs.askRecovery(orphans, project != null ? String.valueOf(project.getFileName()) : null)) {
            case RESTORE -> restore(orphans.get(0), orphans);
            case DISCARD -> orphans.forEach(this::discardQuietly);
            case LATER -> {
                // kept for the next start
            }
        }
    }

    private void restore(Path file, List<Path> all) {
        Path project = RecoveryNote.read(file).projectPath();
        run("Restoring", () -> ProjectFile.read(file), snapshot -> {
            Document restored = fromSnapshot(snapshot);
            restored.setProjectPath(project); // so the title names the project and Ctrl+S saves back to it
            document.set(restored);
            restored.history().markUnsaved(); // nothing of it is saved anywhere but the recovery folder
            refreshTitle();
            statusMessage.set(RecoveryNote.restoredMessage(displayName(restored), file));
            all.forEach(this::discardQuietly);
        }, error -> dialogs.showError("Cannot restore " + file.getFileName(),
                describe(error) + "\nThe file stays in " + file.getParent() + "."));
    }

    private void discardQuietly(Path orphan) {
        try {
            RecoveryNote.delete(orphan);
            recovery.discard(orphan);
        } catch (IOException e) {
            statusMessage.set("Could not delete " + orphan.getFileName() + ": " + e.getMessage());
        }
    }

    // ---- internals -----------------------------------------------------------------------

    private boolean confirmDiscard() {
        Document doc = document.get();
        return unsaved.mayDiscard(doc, doc == null ? null : displayName(doc));
    }

    private <T> void run(String title, java.util.concurrent.Callable<T> work, Consumer<T> ok, Consumer<Exception> fail) {
        busyCount.set(busyCount.get() + 1);
        statusMessage.set(title + "…");
        executor.execute(new BackgroundTask<>(title, work, result -> {
            busyCount.set(busyCount.get() - 1);
            ok.accept(result);
        }, error -> {
            busyCount.set(busyCount.get() - 1);
            statusMessage.set(title + " failed");
            fail.accept(error);
        }));
    }

    private void push(Optional<Edit> edit) {
        edit.ifPresentOrElse(this::push, () -> statusMessage.set("Nothing to change"));
    }

    private Document doc() {
        Document doc = document.get();
        if (doc == null) {
            throw new IllegalStateException("no document open");
        }
        return doc;
    }

    private History newHistory() {
        return new History(settings.historyBytes, settings.historyEdits);
    }

    private Document fromSnapshot(DocumentSnapshot s) {
        return new Document(s.image(), s.original(), s.mask(), s.sketch(), s.metadata(), s.sourcePath(),
                s.sourceFormat(), newHistory());
    }

    private void documentReplaced(Document old, Document now) {
        stroke = null;
        if (old != null) {
            old.history().removeListener(historyListener);
        }
        if (now != null) {
            now.history().addListener(historyListener);
            sizeText.set(now.width() + " × " + now.height() + " px");
            brushes.forEach((kind, b) -> b.setSize(BrushSizing.initialSize(kind, now.width(), now.height())));
            loadBrush(tool.get());
        } else {
            sizeText.set("");
        }
        refreshHistory();
    }

    private void refreshHistory() {
        Document doc = document.get();
        History h = doc == null ? null : doc.history();
        canUndo.set(h != null && h.canUndo());
        canRedo.set(h != null && h.canRedo());
        undoText.set(h != null && h.canUndo() ? "Undo " + h.undoDescription() : "Undo");
        redoText.set(h != null && h.canRedo() ? "Redo " + h.redoDescription() : "Redo");
        dirty.set(h != null && h.isDirty());
        hasPreviousMask.set(doc != null && doc.previousMask() != null);
        List<String> items = new ArrayList<>();
        if (doc != null) {
            items.add(h.evictedCount() > 0 ? "(older steps dropped)" : "Opened");
            items.addAll(h.descriptions());
        }
        if (!items.equals(historyItems)) {
            historyItems.setAll(items);
        }
        historyPosition.set(h == null ? 0 : h.position());
        refreshTitle();
    }

    private void refreshTitle() {
        Document doc = document.get();
        if (doc == null) {
            title.set("Gatefill");
            return;
        }
        title.set((doc.history().isDirty() ? "• " : "") + displayName(doc) + " — Gatefill");
        dirty.set(doc.history().isDirty());
    }

    private void loadBrush(ToolKind kind) {
        BrushSettings b = brushes.get(kind);
        brushSize.set(b.size());
        hardness.set(b.hardness());
    }

    private void remember(Path path) {
        settings.addRecent(path.toAbsolutePath().toString());
        Path parent = path.toAbsolutePath().getParent();
        settings.lastDirectory = parent == null ? null : parent.toString();
        recentFiles.setAll(settings.recentFiles);
        saveSettingsQuietly();
    }

    /** Saves settings; a failure only shows in the status bar (preferences are not worth an alert). */
    public void saveSettingsQuietly() {
        if (settingsStore == null) {
            return;
        }
        try {
            settingsStore.save(settings);
        } catch (IOException e) {
            statusMessage.set("Settings not saved: " + e.getMessage());
        }
    }

    private Path lastDirectory() {
        if (settings.lastDirectory == null) {
            return null;
        }
        Path dir = Path.of(settings.lastDirectory);
        return Files.isDirectory(dir) ? dir : null;
    }

    /** A user-facing sentence for any failure (ImageFileException messages are already written for users). */
    static String describe(Throwable error) {
        if (error instanceof NoSuchFileException e) {
            return "File not found: " + e.getFile();
        }
        if (error instanceof OutOfMemoryError || error.getCause() instanceof OutOfMemoryError) {
            return "Not enough memory. Close other work or start Gatefill with a larger -Xmx.";
        }
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }

    private static boolean isProject(Path path) {
        return path.getFileName() != null
                && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(ProjectFile.EXTENSION);
    }

    private static boolean isSourceFile(Document doc, Path target) {
        return doc.sourcePath() != null && WriteGuard.samePlace(doc.sourcePath(), target);
    }

    /**
     * Core's write rule for the editor: never the bundled model's files, and never the opened photo
     * unless the user confirmed overwriting it (export only; a project or mask never goes there).
     */
    static WriteGuard writeGuard(Document doc, boolean sourceConfirmed) {
        WriteGuard guard = new WriteGuard();
        if (!sourceConfirmed) {
            guard.protect("the photo you opened", doc.sourcePath());
        }
        try {
            ModelFiles.locateDefault().protectIn(guard);
        } catch (ModelLoadException e) {
            // No default model here: nothing of it to protect.
        }
        return guard;
    }

    private static String displayName(Document doc) {
        Path p = doc.projectPath() != null ? doc.projectPath() : doc.sourcePath();
        return p == null || p.getFileName() == null ? "Untitled" : p.getFileName().toString();
    }

    static String baseName(Document doc) {
        String name = doc.sourcePath() == null || doc.sourcePath().getFileName() == null ? "untitled"
                : doc.sourcePath().getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static String sourceExtension(Document doc) {
        return doc.sourcePath() == null ? null : extension(doc.sourcePath());
    }

    private static String extension(Path p) {
        String name = p.getFileName() == null ? "" : p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    static Path withExtension(Path p, String ext) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(ext) ? p
                : p.resolveSibling(p.getFileName() + ext);
    }
}
