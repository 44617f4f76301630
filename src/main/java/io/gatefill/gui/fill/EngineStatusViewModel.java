package io.gatefill.gui.fill;

import io.gatefill.core.pipeline.CancellationToken;
import io.gatefill.core.pipeline.FillEngine;
import io.gatefill.engine.EngineDescription;
import io.gatefill.engine.EngineLoadListener;
import io.gatefill.engine.ModelLoadException;
import io.gatefill.engine.ModelSession;
import io.gatefill.gui.task.BackgroundTask;
import io.gatefill.gui.task.TaskExecutor;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Fill's model: checks it, loads it in the background right after start, holds the loaded session
 * and owns the status bar's engine field ("Model: … · cpu · 4 threads", or why Fill uses the patch engine).
 */
public final class EngineStatusViewModel implements AutoCloseable {
    private final FillViewModel fill;
    private final TaskExecutor executor;
    private final Executor ui;
    private final ModelLoader loader;
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("Model: not loaded");
    /** Set on the worker thread when the model has loaded; closed on exit. */
    private volatile ModelSession session;

    EngineStatusViewModel(FillViewModel fill, TaskExecutor executor, Executor ui, ModelLoader loader) {
        this.fill = fill;
        this.executor = executor;
        this.ui = ui;
        this.loader = loader;
    }

    /** Which model and device Fill uses, or why it uses the patch engine. */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /**
     * Checks the model files (cheap, no libtorch), then loads the model and runs it once on a small
     * input, all in the background on Fill's own worker, so the first Fill pays no load; a Fill asked
     * for meanwhile queues behind the load.
     */
    void check() {
        executor.execute(new BackgroundTask<>("Checking model", loader::check,
                card -> {
                    if (session == null) {
                        text.set("Model: " + card.name() + " · loading in the background…");
                        preload();
                    }
                },
                error -> refused("No model: ", error.getMessage())));
    }

    private void preload() {
        executor.execute(new BackgroundTask<>("Loading model", () -> {
            ModelSession loaded = session(new CancellationToken());
            loaded.engine().inpaint(WarmUp.input());
            return loaded;
        }, loaded -> {
            fill.loadingDone();
            text.set(text.get() + " · ready");
        }, error -> {
            fill.loadingDone();
            refused("Model problem: ", error.getMessage());
        }));
    }

    /** The model cannot be used: Fill switches to the patch engine, and this field says why. */
    void refused(String prefix, String message) {
        fill.engineProperty().set(FillEngine.PATCH);
        text.set(prefix + firstLine(message) + " · Fill uses the patch engine");
    }

    /** Loads the model on first use (on the worker thread), reporting each loading phase. */
    ModelSession session(CancellationToken cancel) throws ModelLoadException {
        ModelSession loaded = session;
        if (loaded != null) {
            return loaded;
        }
        EngineLoadListener phases = (phase, fraction) -> ui.execute(() -> fill.showLoading(fraction,
                "Loading model: " + phase
                        + (fraction >= 0 && fraction < 1 ? String.format(Locale.ROOT, " %.0f %%", fraction * 100) : "")));
        loaded = loader.load(phases);
        session = loaded;
        ModelSession ready = loaded;
        ui.execute(() -> {
            EngineDescription d = ready.engine().describe();
            String name = d.card() == null || d.card().name() == null ? String.valueOf(d.modelFile().getFileName())
                    : d.card().name();
            // DJL names devices "cpu()" / "gpu(0)": drop the empty parentheses for the status bar.
            String device = d.device().replace("()", "");
            text.set("Model: " + name + " · " + device + " · " + d.threads() + " threads");
            fill.gates().layersLoaded(ready.gates() == null ? List.of() : ready.gates().layers());
        });
        return loaded;
    }

    @Override
    public void close() {
        ModelSession loaded = session;
        session = null;
        if (loaded != null) {
            loaded.close();
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown problem";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
