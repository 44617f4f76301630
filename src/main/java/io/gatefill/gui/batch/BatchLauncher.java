package io.gatefill.gui.batch;

import io.gatefill.engine.EngineLoadListener;
import io.gatefill.engine.ModelFiles;
import io.gatefill.engine.ModelLoadException;
import io.gatefill.engine.ModelSession;
import io.gatefill.engine.ModelSessions;
import io.gatefill.gui.task.FxTaskExecutor;
import io.gatefill.gui.window.StagePlacement;
import io.gatefill.gui.window.WindowPlacementStore;
import javafx.application.Platform;
import javafx.stage.Window;

/**
 * Opens the one batch window of the application on demand and shuts its run down with the editor;
 * the application needs only this object, which keeps the hook in the editor's own files small.
 */
public final class BatchLauncher {
    private final Window owner;
    private final EngineSource engines;
    // Its own worker: the editor's executor is single-threaded and a batch would hold up saves for its whole length.
    private FxTaskExecutor executor;
    private BatchViewModel viewModel;
    private BatchDialog dialog;

    private final WindowPlacementStore placements;

    public BatchLauncher(Window owner, EngineSource engines, WindowPlacementStore placements) {
        this.owner = owner;
        this.engines = engines;
        this.placements = placements;
    }

    /** The editor's shared model session (the one Fill uses, found by the same rule), loaded on first use. */
    public static EngineSource shared(ModelSessions sessions) {
        return new EngineSource() {
            @Override
            public ModelSession open() throws ModelLoadException {
                return sessions.session(EngineLoadListener.NONE);
            }

            @Override
            public ModelFiles files() {
                return sessions.files();
            }
        };
    }

    /** Creates the window on first use; later calls bring the same one (and its running batch) back. */
    public void show() {
        if (dialog == null) {
            executor = new FxTaskExecutor();
            viewModel = new BatchViewModel(executor, Platform::runLater, engines);
            dialog = new BatchDialog(owner, viewModel);
            StagePlacement.install(dialog.stage(), "batch", placements, 900, 760);
        }
        dialog.show();
    }

    /** The view model, once the window was opened; null before. */
    public BatchViewModel viewModel() {
        return viewModel;
    }

    /**
     * Application exit: asks a running batch to stop after its current file and stops the worker. The
     * batch threads are daemons, so a file still being filled when the JVM ends is lost; its hidden
     * .part file is deleted by the next run, and Resume continues from the written outputs.
     */
    public void close() {
        if (viewModel != null) {
            viewModel.cancel();
        }
        if (executor != null) {
            executor.close();
        }
        // The window is owned by the main stage and goes with it; stop() may run off the FX thread in tests.
    }
}
