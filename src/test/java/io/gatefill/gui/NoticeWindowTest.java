package io.gatefill.gui;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatefill.testing.EditorWindows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.controlsfx.control.NotificationPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real window: a broken settings file is a notice over the canvas (no dialog, editing goes on), closable. */
@ExtendWith(ApplicationExtension.class)
class NoticeWindowTest {
    @TempDir
    static Path dir;

    private GatefillApp app;

    @Start
    void start(Stage stage) throws Exception {
        Path config = Files.createTempDirectory(dir, "cfg");
        Files.writeString(config.resolve("settings.json"), "{ not json");
        app = EditorWindows.start(stage, config);
    }

    @AfterEach
    void stop() {
        EditorWindows.stop(app);
    }

    @Test
    void aNonFatalProblemIsANoticeNotADialog(FxRobot robot) throws Exception {
        NotificationPane pane = robot.lookup("#notice-pane").queryAs(NotificationPane.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, pane::isShowing);
        assertThat(pane.getText()).contains("could not be read", "using defaults");
        assertThat(robot.lookup(".dialog-pane").tryQuery()).as("no modal dialog").isEmpty();
        assertThat(pane.getContent()).as("the canvas is under it, still there").isNotNull();
        assertThat(robot.lookup("#status-message").queryAs(Label.class).getText()).doesNotContain("could not be read");

        robot.interact(() -> app.notices().dismiss());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !pane.isShowing());
        robot.interact(() -> app.notices().show("Autosave failed: disk full"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, pane::isShowing);
        assertThat(pane.getText()).isEqualTo("Autosave failed: disk full");
    }
}
