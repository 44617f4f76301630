package io.gatefill.gui;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatefill.core.project.ProjectFile;
import io.gatefill.testing.EditorWindows;
import io.gatefill.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real window after a crash: the whole recovery question is shown, and Restore brings the project back by name. */
@ExtendWith(ApplicationExtension.class)
class RecoveryWindowTest {
    @TempDir
    static Path dir;

    private GatefillApp app;
    private Path project;

    @Start
    void start(Stage stage) throws Exception {
        Path config = Files.createTempDirectory(dir, "cfg");
        // What a crashed session leaves: its recovery file and the note naming its project.
        Path photo = TestImages.photo(Files.createTempDirectory(dir, "photos"), "beach.png", 200, 150);
        project = dir.resolve("beach-edit.gatefill");
        Path orphan = Files.createDirectories(config.resolve("recovery")).resolve("session-1-999997.gatefill");
        var loaded = io.gatefill.core.io.ImageFiles.load(photo, 1_000_000);
        var doc = new io.gatefill.core.document.Document(loaded.image(), loaded.metadata(), photo, loaded.formatName(),
                new io.gatefill.core.history.History(1 << 26, 50));
        ProjectFile.write(doc.snapshot(), orphan);
        RecoveryNote.write(orphan, project);
        app = EditorWindows.start(stage, config);
    }

    @AfterEach
    void stop() {
        EditorWindows.stop(app);
    }

    @Test
    void theWholeQuestionShowsAndRestoreKeepsTheProject(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#recovery-dialog").tryQuery().isPresent());
        DialogPane pane = robot.lookup("#recovery-dialog").queryAs(DialogPane.class);
        Label content = (Label) pane.lookup(".content");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(content.getText()).contains("beach-edit.gatefill", "undo starts afresh");
        // A cut-off label draws "..." in its Text node while its text property stays whole.
        String drawn = content.lookupAll(".text").stream().filter(Text.class::isInstance).map(n -> ((Text) n).getText())
                .reduce("", String::concat);
        assertThat(drawn).as("the message as drawn").isEqualTo(content.getText());

        Node restore = pane.getButtonTypes().stream().filter(t -> t.getText().equals("Restore"))
                .map(pane::lookupButton).findFirst().orElseThrow();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> restore.getScene() != null
                && restore.getScene().getWindow() != null && restore.getScene().getWindow().isShowing());
        robot.clickOn(restore);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.viewModel().getDocument() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.viewModel().history().titleProperty().get()).isEqualTo("• beach-edit.gatefill — Gatefill");
        assertThat(robot.lookup("#status-message").queryAs(Label.class).getText()).contains("Undo starts here");
    }
}
