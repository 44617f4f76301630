package io.gatefill.gui.fill;

import io.gatefill.core.document.Document;
import io.gatefill.core.document.InpaintEdits;
import io.gatefill.core.pipeline.CancellationToken;
import io.gatefill.core.pipeline.FillEngine;
import io.gatefill.core.pipeline.InpaintException;
import io.gatefill.core.pipeline.InpaintPipeline;
import io.gatefill.core.pipeline.InpaintRequest;
import io.gatefill.core.pipeline.InpaintResult;
import io.gatefill.core.pipeline.Inpainter;
import io.gatefill.core.pipeline.ProgressListener;
import io.gatefill.core.pipeline.Strategy;
import io.gatefill.core.pipeline.Window;
import io.gatefill.core.raster.GrayRaster;
import io.gatefill.core.raster.Rect;
import io.gatefill.core.tools.ToolKind;
import io.gatefill.engine.EngineDescription;
import io.gatefill.engine.EngineLoadListener;
import io.gatefill.engine.GateMaps;
import io.gatefill.engine.ModelLoadException;
import io.gatefill.engine.ModelSession;
import io.gatefill.gui.DialogService;
import io.gatefill.gui.EditorViewModel;
import io.gatefill.gui.task.BackgroundTask;
import io.gatefill.gui.task.TaskExecutor;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Fill feature's state and commands: runs the shared {@link InpaintPipeline} on a copy of the
 * document's photo, mask and sketch through a {@link TaskExecutor} with the chosen {@link FillEngine},
 * reports model loading and progress, cancels, and pushes the result as one undoable edit (filled
 * rectangle, sketch cleared inside the hole, cleared mask). "Fill again" replaces the last fill by
 * another synthesis seed's. Also holds the optional "fill after each stroke" mode and the gate-map view.
 * The patch engine needs no model, so Fill keeps working when the model is missing or refused.
 * Methods are called on the UI thread; {@code ui} is how worker-thread progress gets back to it.
 */
public final class FillViewModel implements AutoCloseable {
    /** The history entry a fill makes. */
    public static final String EDIT_NAME = "Fill";
    private static final String GATES_STATUS = "Gate maps of ";

    private final EditorViewModel editor;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final Executor ui;
    private final ModelLoader loader;

    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final BooleanProperty fillAfterStroke = new SimpleBooleanProperty();
    private final BooleanProperty clearWholeSketch = new SimpleBooleanProperty();
    private final BooleanProperty showGates = new SimpleBooleanProperty();
    private final ObservableList<String> gateLayers = FXCollections.observableArrayList();
    private final IntegerProperty gateLayer = new SimpleIntegerProperty();
    private final ReadOnlyObjectWrapper<List<GateWindow>> gateWindows = new ReadOnlyObjectWrapper<>(List.of());
    private final BooleanBinding canFill;
    private final BooleanBinding canFillAgain;
    private final ReadOnlyBooleanWrapper hasMask = new ReadOnlyBooleanWrapper();
    private final ObjectProperty<FillEngine> engine = new SimpleObjectProperty<>(FillEngine.DEFAULT);

    /** Set on the worker thread when the model has loaded; closed on exit. */
    private volatile ModelSession session;
    private CancellationToken token;
    private boolean pendingAutoFill;
    private long lastStrokeRevision = -1;
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
        this.loader = loader;
        canFill = editor.documentProperty().isNotNull().and(running.not()).and(hasMask);
        canFillAgain = editor.documentProperty().isNotNull().and(running.not());
        editor.documentProperty().addListener((obs, old, now) -> {
            gateWindows.set(List.of());
            pendingAutoFill = false;
            refreshMask();
        });
        // Every change to the mask is a history step, so the step counter is when to look again.
        editor.historyPositionProperty().addListener((obs, old, now) -> refreshMask());
        editor.historyItems().addListener((javafx.collections.ListChangeListener<String>) c -> refreshMask());
        showGates.addListener((obs, old, now) -> {
            String status = editor.statusMessageProperty().get();
            if (!now && status != null && status.startsWith(GATES_STATUS)) {
                editor.statusMessageProperty().set(""); // this view model's own message, now out of date
            }
            if (now && gateWindows.get().isEmpty() && editor.getDocument() != null
                    && !editor.getDocument().mask().isEmpty() && !running.get()) {
                computeGates();
            }
        });
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

    /** Whether Fill Again can run: a document is open and no fill is running (it undoes the last fill first). */
    public BooleanBinding canFillAgainProperty() {
        return canFillAgain;
    }

    /** Whether the open document's mask has any hole pixel (Fill's hint says to paint one when not). */
    public ReadOnlyBooleanProperty hasMaskProperty() {
        return hasMask.getReadOnlyProperty();
    }

    private void refreshMask() {
        Document doc = editor.getDocument();
        hasMask.set(doc != null && !doc.mask().isEmpty());
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
        return fillAfterStroke;
    }

    public BooleanProperty showGatesProperty() {
        return showGates;
    }

    /** Gate layer names of the loaded model, in the card's order (empty before loading). */
    public ObservableList<String> gateLayers() {
        return gateLayers;
    }

    /** Index into {@link #gateLayers()} of the layer shown. */
    public IntegerProperty gateLayerProperty() {
        return gateLayer;
    }

    /** Gate maps of the last fill or gate preview, one per model window (empty: nothing to show). */
    public ReadOnlyObjectProperty<List<GateWindow>> gateWindowsProperty() {
        return gateWindows.getReadOnlyProperty();
    }

    // ---- commands -------------------------------------------------------------------------

    /**
     * Checks the model files (cheap, no libtorch), then loads the model and runs it once on a small
     * input, all in the background on Fill's own worker, so the first Fill pays no load; a Fill asked
     * for meanwhile queues behind the load. The status bar says what will run and when it is ready.
     */
    public void checkModel() {
        executor.execute(new BackgroundTask<>("Checking model", loader::check,
                card -> {
                    if (session == null) {
                        editor.engineStatusProperty().set("Model: " + card.name() + " · loading in the background…");
                        preload();
                    }
                },
                error -> {
                    editor.engineStatusProperty().set("No model: " + firstLine(error.getMessage())
                            + " · Fill uses the patch engine");
                    engine.set(FillEngine.PATCH);
                }));
    }

    private void preload() {
        executor.execute(new BackgroundTask<>("Loading model", () -> {
            ModelSession loaded = session(new CancellationToken());
            loaded.engine().inpaint(WarmUp.input());
            return loaded;
        }, loaded -> {
            if (!running.get()) {
                progressText.set("");
                progress.set(0);
            }
            editor.engineStatusProperty().set(editor.engineStatusProperty().get() + " · ready");
        }, error -> {
            if (!running.get()) {
                progressText.set("");
            }
            engine.set(FillEngine.PATCH);
            editor.engineStatusProperty().set("Model problem: " + firstLine(error.getMessage())
                    + " · Fill uses the patch engine");
        }));
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
            editor.undo();
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

    /** The view calls this when a brush stroke ends: in "fill after each stroke" mode it fills. */
    public void strokeFinished() {
        Document doc = editor.getDocument();
        // A fresh stroke is the newest edit with no redo tail; after an undo the tail exists, and the
        // same revision means this stroke was handled already (a second release event).
        if (!fillAfterStroke.get() || doc == null || doc.mask().isEmpty() || !isStrokeOnTop(doc)
                || doc.history().canRedo() || doc.history().revision() == lastStrokeRevision) {
            return;
        }
        lastStrokeRevision = doc.history().revision();
        if (running.get()) {
            // The running fill saw the mask before this stroke and will be discarded: stop it early.
            pendingAutoFill = true;
            token.cancel();
            return;
        }
        start(true);
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
        InpaintRequest request = request(doc, FillEngine.MODEL, 0);
        runModel("Computing gate maps", request, true, true, outcome -> {
            gateWindows.set(outcome.gates());
            editor.statusMessageProperty().set(GATES_STATUS + outcome.gates().size() + " window(s)");
        });
    }

    @Override
    public void close() {
        if (token != null) {
            token.cancel();
        }
        ModelSession loaded = session;
        session = null;
        if (loaded != null) {
            loaded.close();
        }
    }

    // ---- internals -------------------------------------------------------------------------

    private void start(boolean automatic) {
        Document doc = editor.getDocument();
        if (doc == null || running.get()) {
            return;
        }
        editor.endStroke();
        if (doc.mask().isEmpty()) {
            // Fill is disabled while the mask is empty; a shortcut pressed anyway gets a hint, not a dialog.
            if (!automatic) {
                editor.statusMessageProperty().set(
                        "Nothing to fill: paint over the object to remove with the mask brush (B), then Fill.");
            }
            return;
        }
        long revision = doc.history().revision();
        InpaintRequest request = request(doc, engine.get(), seed);
        long started = System.nanoTime();
        runModel("Filling", request, showGates.get() && request.engine() == FillEngine.MODEL, false, outcome -> {
            if (editor.getDocument() != doc || doc.history().revision() != revision || editor.isStroking()) {
                editor.statusMessageProperty().set("The document changed while filling; that fill was discarded."
                        + (automatic || pendingAutoFill ? "" : " Press Fill again."));
                return;
            }
            Rect area = outcome.result().affected();
            BufferedImage patch = outcome.result().patch();
            editor.push(InpaintEdits.fill(doc, area, patch, EDIT_NAME, clearWholeSketch.get()));
            lastFillDocument = doc;
            lastFillRevision = doc.history().revision();
            if (outcome.gates() != null && !outcome.gates().isEmpty()) {
                gateWindows.set(outcome.gates());
            }
            editor.statusMessageProperty().set(String.format(Locale.ROOT, "Filled %d region(s) with %s in %.1f s%s%s",
                    outcome.result().windows().size(), request.engine().id(), (System.nanoTime() - started) / 1e9,
                    doc.sketch().isEmpty() ? "" : " · sketch strokes outside the hole kept (Fill ▸ Clear Whole Sketch With Fill)",
                    request.engine() == FillEngine.MODEL ? "" : " · Fill again (Ctrl+Shift+Enter) for a variation"));
        });
    }

    private static InpaintRequest request(Document doc, FillEngine fillEngine, long fillSeed) {
        // Mask and sketch are copied on the UI thread: the worker never reads rasters the user may be painting
        // into. The photo is read in place, window by window: it changes only by history steps on this
        // thread, and a fill whose document changed meanwhile is discarded.
        GrayRaster sketch = doc.sketch().isEmpty() ? null : doc.sketch().copy();
        return new InpaintRequest(doc.image(), doc.mask().copy(), sketch, Strategy.CROP, fillEngine, fillSeed);
    }

    /** What a background model run hands back to the UI thread. */
    private record Outcome(InpaintResult result, List<GateWindow> gates) {
    }

    private void runModel(String title, InpaintRequest request, boolean withGates, boolean gatesOnly,
                          Consumer<Outcome> done) {
        CancellationToken cancel = new CancellationToken();
        token = cancel;
        running.set(true);
        progress.set(-1);
        progressText.set(title + "…");
        ProgressListener regions = (finished, total, message) -> ui.execute(() -> {
            progress.set(total == 0 ? -1 : finished / (double) total);
            progressText.set(message);
        });
        Callable<Outcome> work = () -> {
            if (!request.engine().needsModel()) {
                // Patch synthesis only: no model to load, so this works when the model is missing.
                InpaintPipeline pipeline = InpaintPipeline.withoutModel();
                return new Outcome(pipeline.run(request, regions, cancel), null);
            }
            ModelSession model = session(cancel);
            cancel.throwIfCancelled();
            if (withGates && model.gates() == null) {
                if (gatesOnly) {
                    throw new InpaintException(InpaintException.Reason.ENGINE_FAILED,
                            "This model has no gate view: " + model.gateProblem());
                }
            }
            List<GateMaps> maps = new ArrayList<>();
            boolean gates = withGates && model.gates() != null;
            Inpainter inpainter = input -> {
                if (gates) {
                    maps.add(model.gates().gates(input));
                }
                // A gate preview needs no prediction: the pipeline's result is thrown away.
                return gatesOnly ? input.image() : model.engine().inpaint(input);
            };
            InpaintPipeline pipeline = new InpaintPipeline(inpainter, model.pipelineSettings());
            InpaintResult result = pipeline.run(request, regions, cancel);
            List<GateWindow> placed = new ArrayList<>();
            for (int i = 0; i < maps.size() && i < result.windows().size(); i++) {
                Window w = result.windows().get(i);
                placed.add(new GateWindow(w.window(), w.scaledWidth(), w.scaledHeight(), maps.get(i)));
            }
            return new Outcome(result, gates ? placed : null);
        };
        executor.execute(new BackgroundTask<>(title, work, outcome -> {
            finished();
            done.accept(outcome);
            resumeAutoFill();
        }, error -> {
            finished();
            failed(title, error);
            resumeAutoFill();
        }));
    }

    private void finished() {
        running.set(false);
        progress.set(0);
        progressText.set("");
    }

    private void resumeAutoFill() {
        if (pendingAutoFill) {
            pendingAutoFill = false;
            strokeFinishedAgain();
        }
    }

    private void strokeFinishedAgain() {
        Document doc = editor.getDocument();
        if (fillAfterStroke.get() && doc != null && !doc.mask().isEmpty()) {
            start(true);
        }
    }

    private void failed(String title, Exception error) {
        if (error instanceof InpaintException e && e.reason() == InpaintException.Reason.CANCELLED) {
            editor.statusMessageProperty().set(pendingAutoFill ? "Refilling with the new stroke…"
                    : "Fill cancelled; nothing was changed");
            return;
        }
        if (error instanceof ModelLoadException e) {
            fillAfterStroke.set(false); // one dialog, not one per stroke
            engine.set(FillEngine.PATCH);
            editor.engineStatusProperty().set("Model problem: " + firstLine(e.getMessage()) + " · Fill uses the patch engine");
            dialogs.showError("Cannot load the model", e.getMessage()
                    + "\n\nYour photo, mask and history are unchanged. Fill now uses the patch engine, which needs "
                    + "no model: press Fill again.");
            return;
        }
        editor.statusMessageProperty().set(title + " failed");
        String message = error.getMessage() == null ? error.toString() : error.getMessage();
        dialogs.showError(title.equals("Filling") ? "Cannot fill" : title + " failed",
                message + "\n\nYour photo, mask and history are unchanged.");
    }

    /** Loads the model on first use (on the worker thread), reporting each loading phase. */
    private ModelSession session(CancellationToken cancel) throws ModelLoadException {
        ModelSession loaded = session;
        if (loaded != null) {
            return loaded;
        }
        EngineLoadListener phases = (phase, fraction) -> ui.execute(() -> {
            progress.set(fraction < 0 ? -1 : fraction);
            progressText.set("Loading model: " + phase
                    + (fraction >= 0 && fraction < 1 ? String.format(Locale.ROOT, " %.0f %%", fraction * 100) : ""));
        });
        loaded = loader.load(phases);
        session = loaded;
        ModelSession ready = loaded;
        ui.execute(() -> {
            EngineDescription d = ready.engine().describe();
            String name = d.card() == null || d.card().name() == null ? String.valueOf(d.modelFile().getFileName())
                    : d.card().name();
            // DJL names devices "cpu()" / "gpu(0)": drop the empty parentheses for the status bar.
            String device = d.device().replace("()", "");
            editor.engineStatusProperty().set("Model: " + name + " · " + device + " · " + d.threads() + " threads");
            gateLayers.setAll(ready.gates() == null ? List.of() : ready.gates().layers());
        });
        return loaded;
    }

    private static boolean isStrokeOnTop(Document doc) {
        String top = doc.history().undoDescription();
        for (ToolKind kind : ToolKind.values()) {
            if (kind.label().equals(top)) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown problem";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
