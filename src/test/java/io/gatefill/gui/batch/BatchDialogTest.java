package io.gatefill.gui.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatefill.core.settings.ConfigDirs;
import io.gatefill.gui.GatefillApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Labeled;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import io.gatefill.core.pipeline.FillEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real editor window: File ▸ Batch… opens the batch window, which runs the fixture model over a folder. */
@ExtendWith(ApplicationExtension.class)
class BatchDialogTest {
    @TempDir
    static Path dir;

    private GatefillApp app;

    @Start
    void start(Stage stage) throws Exception {
        Path config = Files.createTempDirectory(dir == null ? Path.of(System.getProperty("java.io.tmpdir")) : dir, "cfg");
        System.setProperty(ConfigDirs.PROPERTY, config.toString());
        app = new GatefillApp() {
            @Override
            protected EngineSource batchEngines() {
                return BatchInputs.fixtureEngine();
            }
        };
        app.start(stage);
    }

    @AfterEach
    void stop() {
        app.stop();
        System.clearProperty(ConfigDirs.PROPERTY);
    }

    @Test
    void opensFromTheMenuRunsAFolderAndListsEveryStatus(FxRobot robot) throws Exception {
        BatchInputs in = BatchInputs.create(Files.createTempDirectory(dir, "batch"), 2, true);

        // Popup menus are unreliable under headless Monocle (see EditorWindowTest), so fire the real item of the real bar.
        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        MenuItem batch = bar.getMenus().get(0).getItems().stream().filter(i -> "Batch…".equals(i.getText()))
                .findFirst().orElseThrow();
        assertThat(batch.isDisable()).isFalse();
        robot.interact(batch::fire);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#batch-start").tryQuery().isPresent());
        assertThat(app.batch().viewModel()).isNotNull();

        robot.clickOn("#batch-images").write(in.images.toString());
        robot.clickOn("#batch-masks").write(in.masks.toString());
        // The images folder as output is refused before anything starts.
        robot.clickOn("#batch-out").write(in.images.toString());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#batch-start").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#batch-problems").queryAs(Labeled.class).getText())
                .contains("may not be the images folder");
        robot.interact(() -> robot.lookup("#batch-out").queryAs(TextField.class).clear());
        robot.clickOn("#batch-out").write(in.out.toString());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#batch-problems").queryAs(Labeled.class).getText()).isEmpty();

        // The engine switch, as in the editor's Fill toolbar: its choice goes to the batch job.
        assertThat(app.batch().viewModel().engineProperty().get()).isEqualTo(FillEngine.DEFAULT);
        robot.clickOn("#batch-engine-patch");
        assertThat(app.batch().viewModel().engineProperty().get()).isEqualTo(FillEngine.PATCH);

        robot.clickOn("#batch-start");
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> app.batch().viewModel().resultProperty().get() != null
                && !app.batch().viewModel().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(in.out.resolve("p0.png")).isRegularFile();
        assertThat(in.out.resolve("p1.png")).isRegularFile();
        assertThat(in.out.resolve(BatchViewModel.REPORT_NAME)).isRegularFile();
        TableView<?> table = robot.lookup("#batch-files").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(4);
        List<String> cells = robot.lookup("#batch-files .table-cell").queryAllAs(Labeled.class).stream()
                .map(Labeled::getText).toList();
        assertThat(cells).contains("broken.png", "failed", "lonely.png", "no-mask", "p0.png", "p1.png", "done");
        assertThat(robot.lookup("#batch-progress-text").queryAs(Labeled.class).getText()).startsWith("4 of 4 files");
        assertThat(robot.lookup("#batch-report-path").queryAs(TextField.class).getText())
                .isEqualTo(in.out.resolve(BatchViewModel.REPORT_NAME).toString());
        Labeled summary = robot.lookup("#batch-summary").queryAs(Labeled.class);
        assertThat(summary.getText()).contains("2 done", "1 failed", "1 no-mask");

        // The report is a table of its fields, not raw JSON.
        robot.clickOn("#batch-show-report");
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        TableView<BatchReportRows.Row> report = robot.lookup("#batch-report").queryAs(TableView.class);
        assertThat(report.getItems()).contains(new BatchReportRows.Row("cancelled", "false"),
                new BatchReportRows.Row("summary.done", "2"), new BatchReportRows.Row("settings.engine", "patch"), new BatchReportRows.Row("summary.total", "4"),
                new BatchReportRows.Row("files", "4 (listed in the table above)"));
        assertThat(report.getItems()).extracting(BatchReportRows.Row::value).noneMatch(v -> v.contains("{"));

        // At its normal size the progress bar keeps its height and the window's width.
        javafx.scene.control.ProgressBar progress = robot.lookup("#batch-progress").queryAs(javafx.scene.control.ProgressBar.class);
        assertThat(progress.getHeight()).isGreaterThanOrEqualTo(12);
        assertThat(progress.getWidth()).isGreaterThan(progress.getScene().getWidth() * 0.8);
    }
}
