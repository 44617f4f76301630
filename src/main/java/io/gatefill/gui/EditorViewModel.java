package io.gatefill.gui;

import io.gatefill.core.document.Document;
import io.gatefill.core.document.DocumentSnapshot;
import io.gatefill.core.document.MaskEdits;
import io.gatefill.core.history.History;
import io.gatefill.core.project.RecoveryStore;
import io.gatefill.core.settings.Settings;
import io.gatefill.core.settings.SettingsStore;
import io.gatefill.core.tools.ToolKind;
import io.gatefill.engine.ModelFiles;
import io.gatefill.engine.ModelLocator;
import io.gatefill.gui.task.BackgroundTask;
import io.gatefill.gui.task.TaskExecutor;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.value.ObservableBooleanValue;

/**
 * The editor shell's state and commands: the open document, the status message it owns, background
 * file work, and every {@link EditorAction} (what runs and when it is enabled). Each job has a view
 * model of its own: {@link FilesViewModel}, {@link RecoveryViewModel}, {@link ToolsViewModel},
 * {@link HistoryViewModel}, {@link RecentFilesViewModel}; a feature such as Fill {@link #provide provides}
 * its actions. Uses only JavaFX properties (no controls), asks through a {@link DialogService} and runs
 * file work through a {@link TaskExecutor}, so it is tested without a window. Called on the UI thread.
 */
public final class EditorViewModel {
    static final String WELCOME = "Open a photo: Ctrl+O, or drop a file here";

    private final Settings settings;
    private final TaskExecutor executor;
    private final DialogService dialogs;

    private final ObjectProperty<Document> document = new SimpleObjectProperty<>();
    private final BooleanProperty showOriginal = new SimpleBooleanProperty();
    private final StatusSource status = new StatusSource(WELCOME);
    private final StringProperty cursorText = new SimpleStringProperty("");
    private final StringProperty zoomText = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper sizeText = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper busyCount = new ReadOnlyIntegerWrapper();

    private final RecentFilesViewModel recent;
    private final ToolsViewModel tools;
    private final HistoryViewModel history;
    private final FilesViewModel files;
    private final RecoveryViewModel recovery;

    private final Supplier<ModelFiles> modelInUse;

    private final Map<EditorAction, BooleanBinding> executable = new EnumMap<>(EditorAction.class);
    /** Enabled state and command of the actions a feature provides (Fill), false / nothing until it does. */
    private final Map<EditorAction, BooleanProperty> provided = new EnumMap<>(EditorAction.class);
    private final Map<EditorAction, Runnable> providedCommands = new EnumMap<>(EditorAction.class);

    /** An editor whose model is the one {@link ModelLocator}'s rule finds (tests, or no shared session yet). */
    public EditorViewModel(Settings settings, SettingsStore settingsStore, TaskExecutor executor, DialogService dialogs,
                           RecoveryStore recoveryStore) {
        this(settings, settingsStore, executor, dialogs, recoveryStore, () -> ModelLocator.locateIfAny(null));
    }

    /**
     * @param modelInUse the files of the model Fill and batch use (found without loading it, null when
     *                   there is none): saves and exports never write over them
     */
    public EditorViewModel(Settings settings, SettingsStore settingsStore, TaskExecutor executor, DialogService dialogs,
                           RecoveryStore recoveryStore, Supplier<ModelFiles> modelInUse) {
        this.settings = settings;
        this.modelInUse = modelInUse;
        this.executor = executor;
        this.dialogs = dialogs;
        recent = new RecentFilesViewModel(settings, settingsStore, status);
        tools = new ToolsViewModel(document);
        history = new HistoryViewModel(document, tools, status);
        files = new FilesViewModel(this, settings, dialogs, recent);
        recovery = new RecoveryViewModel(this, dialogs, recoveryStore);
        document.addListener((obs, old, now) -> sizeText.set(now == null ? "" : now.width() + " × " + now.height() + " px"));
    }

    // ---- the jobs ---------------------------------------------------------------------------

    public FilesViewModel files() {
        return files;
    }

    public RecoveryViewModel recovery() {
        return recovery;
    }

    public ToolsViewModel tools() {
        return tools;
    }

    public HistoryViewModel history() {
        return history;
    }

    public RecentFilesViewModel recent() {
        return recent;
    }

    // ---- properties for binding ------------------------------------------------------------

    public ObjectProperty<Document> documentProperty() {
        return document;
    }

    public Document getDocument() {
        return document.get();
    }

    /** While true (\ held) the canvas shows the photo as opened. */
    public BooleanProperty showOriginalProperty() {
        return showOriginal;
    }

    /** The editor's own status message (Fill has its own; the status bar shows the newest). */
    public StatusSource status() {
        return status;
    }

    public ReadOnlyStringProperty statusMessageProperty() {
        return status.textProperty();
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

    /** The files of the model in use, for the write rule of saves; null when there is none. Any thread. */
    ModelFiles modelInUse() {
        return modelInUse.get();
    }

    public Settings settings() {
        return settings;
    }

    // ---- actions ----------------------------------------------------------------------------

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
            case UNDO -> history.canUndoProperty().and(hasDoc);
            case REDO, REDO_ALT -> history.canRedoProperty().and(hasDoc);
            case REUSE_MASK -> history.hasPreviousMaskProperty().and(hasDoc);
            case FILL, FILL_AGAIN, FILL_CANCEL -> Bindings.createBooleanBinding(() -> providedState(action).get(),
                    providedState(action));
            default -> hasDoc;
        };
    }

    /**
     * A feature's action (Fill's): the shell's menu, toolbar and shortcut run {@code command} while
     * {@code enabled} holds. Until provided, the action is disabled and does nothing.
     */
    public void provide(EditorAction action, ObservableBooleanValue enabled, Runnable command) {
        providedState(action).bind(enabled);
        providedCommands.put(action, command);
    }

    private BooleanProperty providedState(EditorAction action) {
        return provided.computeIfAbsent(action, a -> new SimpleBooleanProperty());
    }

    /** Runs a menu or shortcut command (view-only ones such as zoom are handled by the view). */
    public void perform(EditorAction action) {
        switch (action) {
            case OPEN -> files.chooseAndOpen();
            case SAVE_PROJECT -> files.saveProject();
            case SAVE_PROJECT_AS -> files.saveProjectAs();
            case EXPORT -> files.export();
            case CLOSE -> files.closeDocument();
            case IMPORT_MASK -> files.importMask();
            case EXPORT_MASK -> files.exportMask();
            case UNDO -> history.undo();
            case REDO, REDO_ALT -> history.redo();
            case CLEAR_MASK -> history.push(MaskEdits.clearMask(doc()));
            case INVERT_MASK -> history.push(Optional.of(MaskEdits.invertMask(doc())));
            case GROW_MASK -> dialogs.askPixels("Grow mask", "Grow the mask by (px):", 8)
                    .ifPresent(n -> history.push(MaskEdits.growMask(doc(), n)));
            case SHRINK_MASK -> dialogs.askPixels("Shrink mask", "Shrink the mask by (px):", 8)
                    .ifPresent(n -> history.push(MaskEdits.shrinkMask(doc(), n)));
            case REUSE_MASK -> history.push(MaskEdits.reusePreviousMask(doc()));
            case CLEAR_SKETCH -> history.push(MaskEdits.clearSketch(doc()));
            case TOOL_MASK_BRUSH -> tools.toolProperty().set(ToolKind.MASK_BRUSH);
            case TOOL_MASK_ERASER -> tools.toolProperty().set(ToolKind.MASK_ERASER);
            case TOOL_SKETCH_PEN -> tools.toolProperty().set(ToolKind.SKETCH_PEN);
            case TOOL_SKETCH_ERASER -> tools.toolProperty().set(ToolKind.SKETCH_ERASER);
            case BRUSH_SMALLER -> tools.stepBrush(false);
            case BRUSH_LARGER -> tools.stepBrush(true);
            case FILL, FILL_AGAIN, FILL_CANCEL -> {
                if (providedState(action).get()) {
                    providedCommands.getOrDefault(action, () -> { }).run();
                }
            }
            case QUIT, BATCH, ZOOM_IN, ZOOM_OUT, ZOOM_FIT, ZOOM_100, HELP_SHORTCUTS, HELP_GUIDE, HELP_MODEL, HELP_ABOUT -> {
                // handled by the view: they concern the window and the viewport only
            }
        }
    }

    // ---- for the job view models ------------------------------------------------------------

    /** Runs file work in the background, counting it as busy and saying what runs in the status bar. */
    <T> void run(String title, Callable<T> work, Consumer<T> ok, Consumer<Exception> fail) {
        busyCount.set(busyCount.get() + 1);
        status.say(title + "…");
        executor.execute(new BackgroundTask<>(title, work, result -> {
            busyCount.set(busyCount.get() - 1);
            ok.accept(result);
        }, error -> {
            busyCount.set(busyCount.get() - 1);
            status.say(title + " failed");
            fail.accept(error);
        }));
    }

    /** The open document; a command that needs one is disabled without it. */
    Document doc() {
        Document doc = document.get();
        if (doc == null) {
            throw new IllegalStateException("no document open");
        }
        return doc;
    }

    History newHistory() {
        return new History(settings.historyBytes, settings.historyEdits);
    }

    Document fromSnapshot(DocumentSnapshot s) {
        return new Document(s.image(), s.original(), s.mask(), s.sketch(), s.metadata(), s.sourcePath(),
                s.sourceFormat(), newHistory());
    }
}
