package io.gatefill.gui.fill;

import io.gatefill.core.document.Document;
import io.gatefill.core.document.InpaintEdits;
import io.gatefill.core.history.EditKind;
import io.gatefill.core.history.HistoryListener;
import io.gatefill.core.pipeline.CancellationToken;
import io.gatefill.core.pipeline.FillEngine;
import io.gatefill.core.pipeline.InpaintException;
import io.gatefill.core.pipeline.InpaintRequest;
import io.gatefill.core.pipeline.ProgressListener;
import io.gatefill.core.raster.Rect;
import io.gatefill.engine.ModelLoadException;
import io.gatefill.engine.ModelSession;
import io.gatefill.gui.DialogService;
import io.gatefill.gui.EditorAction;
import io.gatefill.gui.EditorViewModel;
import io.gatefill.gui.StatusSource;
import io.gatefill.gui.task.BackgroundTask;
import io.gatefill.gui.task.TaskExecutor;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The Fill feature's state and commands: runs a {@link FillJob} on a copy of the document's photo,
 * mask and sketch through a {@link TaskExecutor} with the chosen {@link FillEngine}, reports progress,
 * cancels, and pushes the result as one undoable edit (filled rectangle, sketch cleared inside the
 * hole, cleared mask). "Fill again" replaces the last fill by another synthesis seed's. Provides the
 * editor's Fill actions; in "fill after each stroke" mode ({@link AutoFill}) it fills when the history
 * reports a pushed {@link EditKind#STROKE}. The model ({@link EngineStatusViewModel}) and the gate view
 * ({@link GateMapViewModel}) are its parts; the patch engine needs no model, so Fill keeps working
 * without one. Called on the UI thread; {@code ui} is how worker-thread progress gets back to it.
 */
public final class FillViewModel implements AutoCloseable {
    /** The history entry a fill makes. */
    public static final String EDIT_NAME = "Fill";

    private final EditorViewModel editor;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final Executor ui;
    private final EngineStatusViewModel model;
    private final GateMapViewModel gates;
    private final StatusSource status = new StatusSource("");

    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final BooleanProperty clearWholeSketch = new SimpleBooleanProperty();
    private final BooleanBinding canFill;
    private final BooleanBinding canFillAgain;
    private final ReadOnlyBooleanWrapper hasMask = new ReadOnlyBooleanWrapper();
    private final ObjectProperty<FillEngine> engine = new SimpleObjectProperty<>(FillEngine.DEFAULT);
    private final HistoryListener historyListener;

    private final AutoFill autoFill;
    private CancellationToken token;
    /** Seed of the next fill; "Fill again" advances it. */
    private long seed;
    /** The document and history revision right after this view model's last fill, to recognise it on top. */
    private Document lastFillDocument;
    private long lastFillRevision = -1;

    public FillViewModel(EditorViewModel editor, TaskExecutor executor, DialogService dialogs, Executor ui,
                         ModelLoader loader) {
        this.editor = editor;
        this.executor = executor;
        this.dialogs = dialogs;
        this.ui = ui;
        this.model = new EngineStatusViewModel(this, executor, ui, loader);
        this.gates = new GateMapViewModel(editor.documentProperty());
        this.autoFill = new AutoFill(editor::getDocument, running::get, () -> token.cancel(), () -> start(true));
        historyListener = (history, event) -> {
            // Every change to the mask is a history step, so each step is when to look again.
            refreshMask();
            if (event.pushed(EditKind.STROKE)) {
                autoFill.strokePushed();
            }
        };
        canFill = editor.documentProperty().isNotNull().and(running.not()).and(hasMask);
        canFillAgain = editor.documentProperty().isNotNull().and(running.not());
        editor.documentProperty().addListener((obs, old, now) -> {
            if (old != null) {
                old.history().removeListener(historyListener);
            }
            if (now != null) {
                now.history().addListener(historyListener);
            }
            autoFill.documentChanged();
            refreshMask();
        });
        if (editor.getDocument() != null) {
            editor.getDocument().history().addListener(historyListener);
        }
        refreshMask();
        gates.showProperty().addListener((obs, old, now) -> {
            if (gates.wantsPreview() && !running.get()) {
                computeGates();
            }
        });
        editor.provide(EditorAction.FILL, canFill, this::fill);
        editor.provide(EditorAction.FILL_AGAIN, canFillAgain, this::fillAgain);
        editor.provide(EditorAction.FILL_CANCEL, running, this::cancel);
    }

    // ---- properties -----------------------------------------------------------------------

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Fraction done in [0,1], or -1 while the length of the current phase is unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** Whether Fill can start now: a document with a painted mask is open and no fill is running. */
    public BooleanBinding canFillProperty() {
        return canFill;
    }

    /** Whether the open document's mask has any hole pixel (Fill's hint says to paint one when not). */
    public ReadOnlyBooleanProperty hasMaskProperty() {
        return hasMask.getReadOnlyProperty();
    }

    /** The engine the next Fill uses; never null. */
    public ObjectProperty<FillEngine> engineProperty() {
        return engine;
    }

    /** Whether a fill also clears the sketch strokes outside the hole (off: they stay, and the status says so). */
    public BooleanProperty clearWholeSketchProperty() {
        return clearWholeSketch;
    }

    public BooleanProperty fillAfterStrokeProperty() {
        return autoFill.enabledProperty();
    }

    /** Fill's own status messages ("Filled 2 region(s) …"). */
    public StatusSource status() {
        return status;
    }

    public EngineStatusViewModel model() {
        return model;
    }

    public GateMapViewModel gates() {
        return gates;
    }

    // ---- commands -------------------------------------------------------------------------

    /** Checks and preloads the model in the background (see {@link EngineStatusViewModel}). */
    public void checkModel() {
        model.check();
    }

    /** Fills the mask of the open document; errors are shown as dialogs and change nothing. */
    public void fill() {
        start(false);
    }

    /**
     * Another variation of the last fill: undoes it (bringing its mask back) and fills again with the
     * next seed, so history keeps one step per variation. Without a fill on top it is a plain Fill
     * with a new seed.
     */
    public void fillAgain() {
        Document doc = editor.getDocument();
        if (doc == null || running.get()) {
            return;
        }
        seed++;
        if (doc == lastFillDocument && doc.history().revision() == lastFillRevision && doc.history().canUndo()) {
            editor.history().undo();
        }
        start(false);
    }

    /** Stops a running fill between regions; the document stays as it was. */
    public void cancel() {
        if (token != null && running.get()) {
            token.cancel();
            progressText.set("Cancelling… (the current region finishes first)");
        }
    }

    /** Computes the gate maps for the current mask without filling (the gate view's preview). */
    public void computeGates() {
        Document doc = editor.getDocument();
        if (doc == null || running.get()) {
            return;
        }
        if (doc.mask().isEmpty()) {
            dialogs.showError("No gate maps", "Paint a mask first: the gates show how the network sees a hole.");
            return;
        }
        // The gate view shows the generator's own windows, which only the model engine fills by.
        InpaintRequest request = FillJob.request(doc, FillEngine.MODEL, 0);
        runModel("Computing gate maps", request, true, true, outcome -> gates.show(outcome.gates(), true));
    }

    @Override
    public void close() {
        if (token != null) {
            token.cancel();
        }
        model.close();
    }

    // ---- for the parts ---------------------------------------------------------------------

    void showLoading(double fraction, String text) {
        progress.set(fraction < 0 ? -1 : fraction);
        progressText.set(text);
    }

    void loadingDone() {
        if (!running.get()) {
            progressText.set("");
            progress.set(0);
        }
    }

    // ---- internals -------------------------------------------------------------------------

    private void refreshMask() {
        Document doc = editor.getDocument();
        hasMask.set(doc != null && !doc.mask().isEmpty());
    }

    private void start(boolean automatic) {
        Document doc = editor.getDocument();
        if (doc == null || running.get()) {
            return;
        }
        editor.tools().endStroke();
        if (doc.mask().isEmpty()) {
            // Fill is disabled while the mask is empty; a shortcut pressed anyway gets a hint, not a dialog.
            if (!automatic) {
                status.say("Nothing to fill: paint over the object to remove with the mask brush (B), then Fill.");
            }
            return;
        }
        long revision = doc.history().revision();
        InpaintRequest request = FillJob.request(doc, engine.get(), seed);
        long started = System.nanoTime();
        runModel("Filling", request, gates.showProperty().get() && request.engine() == FillEngine.MODEL, false, outcome -> {
            if (editor.getDocument() != doc || doc.history().revision() != revision || editor.tools().isStroking()) {
                status.say("The document changed while filling; that fill was discarded."
                        + (automatic || autoFill.pending() ? "" : " Press Fill again."));
                return;
            }
            Rect area = outcome.result().affected();
            BufferedImage patch = outcome.result().patch();
            editor.history().push(InpaintEdits.fill(doc, area, patch, EDIT_NAME, clearWholeSketch.get()));
            lastFillDocument = doc;
            lastFillRevision = doc.history().revision();
            if (outcome.gates() != null && !outcome.gates().isEmpty()) {
                gates.show(outcome.gates(), false);
            }
            status.say(String.format(Locale.ROOT, "Filled %d region(s) with %s in %.1f s%s%s",
                    outcome.result().windows().size(), request.engine().id(), (System.nanoTime() - started) / 1e9,
                    doc.sketch().isEmpty() ? "" : " · sketch strokes outside the hole kept (Fill ▸ Clear Whole Sketch With Fill)",
                    request.engine() == FillEngine.MODEL ? "" : " · Fill again (Ctrl+Shift+Enter) for a variation"));
        });
    }

    private void runModel(String title, InpaintRequest request, boolean withGates, boolean gatesOnly,
                          Consumer<FillJob.Outcome> done) {
        CancellationToken cancel = new CancellationToken();
        token = cancel;
        running.set(true);
        progress.set(-1);
        progressText.set(title + "…");
        ProgressListener regions = (finished, total, message) -> ui.execute(() -> {
            progress.set(total == 0 ? -1 : finished / (double) total);
            progressText.set(message);
        });
        executor.execute(new BackgroundTask<>(title,
                () -> FillJob.run(request, withGates, gatesOnly, model::session, regions, cancel), outcome -> {
            finished();
            done.accept(outcome);
            autoFill.fillEnded();
        }, error -> {
            finished();
            failed(title, error);
            autoFill.fillEnded();
        }));
    }

    private void finished() {
        running.set(false);
        progress.set(0);
        progressText.set("");
    }

    private void failed(String title, Exception error) {
        if (error instanceof InpaintException e && e.reason() == InpaintException.Reason.CANCELLED) {
            status.say(autoFill.pending() ? "Refilling with the new stroke…" : "Fill cancelled; nothing was changed");
            return;
        }
        if (error instanceof ModelLoadException e) {
            autoFill.enabledProperty().set(false); // one dialog, not one per stroke
            model.refused("Model problem: ", e.getMessage());
            dialogs.showError("Cannot load the model", e.getMessage()
                    + "\n\nYour photo, mask and history are unchanged. Fill now uses the patch engine, which needs "
                    + "no model: press Fill again.");
            return;
        }
        status.say(title + " failed");
        String message = error.getMessage() == null ? error.toString() : error.getMessage();
        dialogs.showError(title.equals("Filling") ? "Cannot fill" : title + " failed",
                message + "\n\nYour photo, mask and history are unchanged.");
    }
}
