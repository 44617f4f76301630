package io.gatefill.gui;

import io.gatefill.core.document.DocumentSnapshot;
import io.gatefill.core.project.Autosaver;
import io.gatefill.core.project.RecoveryStore;
import io.gatefill.core.settings.ConfigDirs;
import io.gatefill.core.settings.Settings;
import io.gatefill.core.settings.SettingsStore;
import io.gatefill.app.Assembly;
import io.gatefill.engine.EngineOptions;
import io.gatefill.engine.ModelSessions;
import io.gatefill.gui.fill.FillControls;
import io.gatefill.gui.fill.FillViewModel;
import io.gatefill.gui.fill.ModelLoader;
import io.gatefill.gui.batch.BatchLauncher;
import io.gatefill.gui.batch.EngineSource;
import io.gatefill.gui.task.FxTaskExecutor;
import io.gatefill.gui.window.StagePlacement;
import io.gatefill.gui.window.WindowPlacementStore;
import java.io.IOException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The JavaFX application and composition root: loads settings, claims a recovery session, wires
 * the view model to the window, starts autosave, offers to restore a crashed session, and on a
 * clean exit saves settings and deletes its recovery file.
 */
public class GatefillApp extends Application {
    private EditorViewModel viewModel;
    private MainView view;
    private FxTaskExecutor executor;
    private RecoveryStore recovery;
    private Autosaver autosaver;
    private SettingsStore settingsStore;
    private FxTaskExecutor fillExecutor;
    private FillViewModel fill;
    private BatchLauncher batch;
    /** The one model of this editor, shared by Fill and the batch window. */
    private ModelSessions models;
    private ThemeViewModel theme;
    private ThemeApplier themeApplier;
    private final NoticeViewModel notices = new NoticeViewModel();

    @Override
    public void start(Stage stage) {
        settingsStore = new SettingsStore(ConfigDirs.configDir());
        Settings settings = settingsStore.load();
        try {
            recovery = new RecoveryStore(ConfigDirs.recoveryDir());
        } catch (IOException e) {
            recovery = null; // editing still works; only crash recovery is off
        }
        executor = new FxTaskExecutor();
        DialogService dialogs = dialogs(stage);
        // The one model of this editor (not loaded yet): Fill, batch and the saves' write rule all mean it.
        models = new ModelSessions(Assembly.engines(), null, EngineOptions.defaults());
        viewModel = new EditorViewModel(settings, settingsStore, executor, dialogs, recovery, models::files);
        view = new MainView(viewModel, () -> requestQuit(stage));
        // Fill: its own worker, so a long inference never queues a save or export behind it.
        fillExecutor = new FxTaskExecutor();
        fill = new FillViewModel(viewModel, fillExecutor, dialogs, Platform::runLater, ModelLoader.of(models));
        FillControls.install(view, viewModel, fill);
        view.showNotices(notices);
        fill.checkModel();
        WindowPlacementStore placements = new WindowPlacementStore(ConfigDirs.configDir());
        theme = new ThemeViewModel(placements);
        themeApplier = ThemeApplier.install(theme.themeProperty());
        view.addThemeChoice(theme.themeProperty());
        batch = new BatchLauncher(stage, batchEngines(), placements);
        view.setOnBatch(batch::show);
        stage.setScene(new Scene(view));
        StagePlacement.install(stage, "main", placements, 1280, 860);
        for (String size : new String[] {"64", "256"}) {
            var icon = GatefillApp.class.getResourceAsStream("gatefill-" + size + ".png");
            if (icon != null) {
                stage.getIcons().add(new javafx.scene.image.Image(icon));
            }
        }
        stage.titleProperty().bind(viewModel.history().titleProperty());
        stage.setOnCloseRequest(e -> {
            if (!viewModel.files().confirmClose()) {
                e.consume();
            }
        });
        stage.show();
        if (settingsStore.loadProblem() != null) {
            notices.show(settingsStore.loadProblem());
        }
        if (recovery != null) {
            autosaver = new Autosaver(recovery, this::snapshotOnFxThread,
                    e -> Platform.runLater(() -> notices.show("Autosave failed: " + e.getMessage()
                            + ". Your work is fine; save the project to be safe.")));
            autosaver.start(settings.autosaveSeconds);
            Platform.runLater(viewModel.recovery()::offerRecovery);
        }
    }

    /** The view model and view, for UI tests that drive the real window. */
    public EditorViewModel viewModel() {
        return viewModel;
    }

    public MainView view() {
        return view;
    }

    public NoticeViewModel notices() {
        return notices;
    }

    public ThemeViewModel theme() {
        return theme;
    }

    public FillViewModel fill() {
        return fill;
    }

    /** How the editor asks the user: real dialogs; UI tests replace the native file choosers, which they cannot drive. */
    protected DialogService dialogs(Stage owner) {
        return new FxDialogService(owner);
    }

    /** The model File ▸ Batch… runs with (Fill's); UI tests override it with the fixture model. */
    protected EngineSource batchEngines() {
        return BatchLauncher.shared(models);
    }

    /** The batch window's launcher, for UI tests. */
    public BatchLauncher batch() {
        return batch;
    }

    private void requestQuit(Stage stage) {
        if (viewModel.files().confirmClose()) {
            stage.close();
            Platform.exit();
        }
    }

    /** Takes the snapshot on the FX thread (the document's owner) and hands it to the autosave thread. */
    private DocumentSnapshot snapshotOnFxThread() throws Exception {
        FutureTask<DocumentSnapshot> task = new FutureTask<>(() -> {
            DocumentSnapshot snapshot = viewModel.recovery().snapshotIfDirty();
            if (snapshot != null) {
                RecoveryNote.write(recovery.sessionFile(), viewModel.getDocument().projectPath());
            }
            return snapshot;
        });
        Platform.runLater(task);
        return task.get(30, TimeUnit.SECONDS);
    }

    @Override
    public void stop() {
        if (themeApplier != null) { // the window list belongs to the FX thread; tests call stop() from theirs
            if (Platform.isFxApplicationThread()) {
                themeApplier.uninstall();
            } else {
                Platform.runLater(themeApplier::uninstall);
            }
        }
        if (batch != null) {
            batch.close();
        }
        if (autosaver != null) {
            autosaver.close();
        }
        if (viewModel != null) {
            viewModel.recent().saveSettingsQuietly();
        }
        if (executor != null) {
            executor.close();
        }
        if (fill != null) {
            fill.close(); // frees the model's native memory
            fillExecutor.close();
        }
        if (models != null) {
            models.close(); // the batch window's borrowed session goes with Fill's
        }
        if (recovery != null) {
            try {
                RecoveryNote.delete(recovery.sessionFile());
                recovery.close(); // a clean exit: nothing left to recover
            } catch (IOException ignored) {
                // the next start would offer an empty-handed restore at worst
            }
        }
    }
}
