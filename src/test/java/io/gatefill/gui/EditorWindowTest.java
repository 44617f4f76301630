package io.gatefill.gui;

import io.gatefill.testing.EditorWindows;
import io.gatefill.testing.TestImages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gatefill.core.document.Document;
import io.gatefill.core.document.MaskOps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real editor window, driven by the robot: open, paint, undo/redo by keyboard, zoom/pan alignment, bad file. */
@ExtendWith(ApplicationExtension.class)
class EditorWindowTest {
    @TempDir
    static Path dir;

    private GatefillApp app;

    @Start
    void start(Stage stage) throws Exception {
        Path config = Files.createTempDirectory(dir == null ? Path.of(System.getProperty("java.io.tmpdir")) : dir, "cfg");
        app = EditorWindows.start(stage, config);
    }

    @AfterEach
    void stop() {
        EditorWindows.stop(app);
    }

    private Document open(FxRobot robot, Path file) throws Exception {
        robot.interact(() -> app.viewModel().files().open(file));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.viewModel().getDocument() != null
                && file.equals(app.viewModel().getDocument().sourcePath()));
        WaitForAsyncUtils.waitForFxEvents();
        return app.viewModel().getDocument();
    }

    private Point2D screenOf(double x, double y) {
        return EditorWindows.screenOf(app, x, y);
    }

    @Test
    void paintsWithTheRobotAndUndoesAndRedoesByKeyboard(FxRobot robot) throws Exception {
        Document doc = open(robot, TestImages.photo(Files.createTempDirectory("photos"), "photo.png", 400, 300));
        robot.interact(() -> app.viewModel().tools().brushSizeProperty().set(20));

        robot.drag(screenOf(100, 150), MouseButton.PRIMARY).moveTo(screenOf(200, 150)).moveTo(screenOf(300, 150))
                .release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(doc.mask().get(200, 150)).isEqualTo(255);
        assertThat(doc.mask().get(300, 150)).isEqualTo(255);
        assertThat(doc.mask().get(200, 100)).isZero();
        assertThat(app.viewModel().history().items()).containsExactly("Opened", "Mask brush");

        robot.interact(() -> app.view().canvas().requestFocus());
        robot.interact(() -> app.fill().status().say("Filled 1 region in 3.3 s"));
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(doc.mask().isEmpty()).isTrue();
        assertThat(robot.lookup("#status-message").queryAs(javafx.scene.control.Label.class).getText())
                .as("an undo replaces the undone step's message").isEqualTo("Undid Mask brush");
        assertThat((Object) robot.lookup("#status-bar").query()).isInstanceOf(org.controlsfx.control.StatusBar.class);

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z).release(KeyCode.Z, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(doc.mask().get(200, 150)).isEqualTo(255);

        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL, KeyCode.Y).release(KeyCode.Y, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(doc.mask().get(200, 150)).isEqualTo(255);
        assertThat(app.viewModel().history().dirtyProperty().get()).isTrue();
        assertThat(robot.lookup("#history-list").queryListView().getItems()).contains("Mask brush");

        // Click "Opened" in the history list: jumps back before the stroke.
        robot.clickOn("Opened");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(doc.mask().isEmpty()).isTrue();
        assertThat(app.viewModel().history().canRedoProperty().get()).isTrue();
    }

    @Test
    void toolShortcutsBracketsAndTheCompareKey(FxRobot robot) throws Exception {
        open(robot, TestImages.photo(Files.createTempDirectory("photos"), "keys.png", 200, 150));
        robot.interact(() -> app.view().canvas().requestFocus());
        robot.type(KeyCode.E);
        assertThat(app.viewModel().tools().toolProperty().get()).isEqualTo(io.gatefill.core.tools.ToolKind.MASK_ERASER);
        robot.type(KeyCode.P);
        assertThat(app.viewModel().tools().toolProperty().get()).isEqualTo(io.gatefill.core.tools.ToolKind.SKETCH_PEN);
        robot.type(KeyCode.B);
        assertThat(app.viewModel().tools().toolProperty().get()).isEqualTo(io.gatefill.core.tools.ToolKind.MASK_BRUSH);
        int size = app.viewModel().tools().brushSizeProperty().get();
        robot.type(KeyCode.CLOSE_BRACKET);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.viewModel().tools().brushSizeProperty().get()).isGreaterThan(size);
        robot.type(KeyCode.OPEN_BRACKET);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.viewModel().tools().brushSizeProperty().get()).isEqualTo(size);
        robot.press(KeyCode.BACK_SLASH);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.viewModel().showOriginalProperty().get()).as("held: compare with the original").isTrue();
        javafx.scene.control.Label badge = robot.lookup("#original-badge").queryAs(javafx.scene.control.Label.class);
        assertThat(badge.isVisible()).as("the canvas says it shows the original").isTrue();
        assertThat(badge.getText()).startsWith("Original");
        assertThat(badge.getParent()).isSameAs(app.view().canvas());
        robot.release(KeyCode.BACK_SLASH);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.viewModel().showOriginalProperty().get()).isFalse();
        assertThat(badge.isVisible()).isFalse();
    }

    @Test
    void paintingStaysAlignedAfterZoomingToTheCursorAndPanning(FxRobot robot) throws Exception {
        Document doc = open(robot, TestImages.photo(Files.createTempDirectory("photos"), "wide.png", 800, 500));
        robot.interact(() -> app.viewModel().tools().brushSizeProperty().set(3));
        CanvasView canvas = app.view().canvas();
        double zoomBefore = canvas.viewport().zoom();

        Point2D cursor = screenOf(520, 210);
        robot.moveTo(cursor);
        // TestFX's DOWN reaches JavaFX as a positive wheel delta under Monocle: "wheel away", zoom in.
        robot.scroll(4, VerticalDirection.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        double zoomAfter = canvas.viewport().zoom();
        assertThat(zoomAfter).as("four notches zoom in 1.25^4").isCloseTo(zoomBefore * Math.pow(1.25, 4), within(0.01));
        Point2D stillThere = screenOf(520, 210);
        assertThat(stillThere.getX()).as("zoom keeps the pixel under the cursor").isCloseTo(cursor.getX(), within(1.0));
        assertThat(stillThere.getY()).isCloseTo(cursor.getY(), within(1.0));

        // Pan with the middle button: the image follows the pointer.
        robot.drag(cursor, MouseButton.MIDDLE).moveTo(cursor.add(-40, 30)).moveTo(cursor.add(-80, 60))
                .release(MouseButton.MIDDLE);
        WaitForAsyncUtils.waitForFxEvents();
        Point2D panned = cursor.add(-80, 60);
        assertThat(screenOf(520, 210).distance(panned)).isLessThan(1.0);
        assertThat(doc.mask().isEmpty()).as("panning paints nothing").isTrue();

        robot.clickOn(panned, MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        // The robot moves in whole screen pixels, so the dot's centre may sit up to one screen pixel off.
        assertThat(doc.mask().get(520, 210)).as("the dot lands on the image pixel under the pointer")
                .isGreaterThanOrEqualTo(MaskOps.HOLE_THRESHOLD);
        io.gatefill.core.raster.Rect dot = doc.mask().bounds();
        assertThat(dot.x()).isBetween(516, 520);
        assertThat(dot.x() + dot.width()).isBetween(521, 525);
        assertThat(dot.y()).isBetween(206, 210);
        assertThat(dot.y() + dot.height()).isBetween(211, 215);
    }

    @Test
    void recentFilesMenuReopensAPhoto(FxRobot robot) throws Exception {
        Path folder = Files.createTempDirectory("photos");
        Path first = TestImages.photo(folder, "first.png", 120, 80);
        open(robot, first);
        open(robot, TestImages.photo(folder, "second.png", 90, 60));
        // Popup submenus are unreliable under headless Monocle, so fire the real menu item of the real menu bar.
        javafx.scene.control.MenuBar bar = robot.lookup(".menu-bar").queryAs(javafx.scene.control.MenuBar.class);
        javafx.scene.control.Menu recent = (javafx.scene.control.Menu) bar.getMenus().get(0).getItems().stream()
                .filter(i -> "Open Recent".equals(i.getText())).findFirst().orElseThrow();
        assertThat(recent.getItems()).extracting(javafx.scene.control.MenuItem::getText)
                .containsExactly(folder.resolve("second.png").toAbsolutePath().toString(), first.toAbsolutePath().toString());
        robot.interact(() -> recent.getItems().get(1).fire());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.viewModel().getDocument() != null
                && first.equals(app.viewModel().getDocument().sourcePath()));
        assertThat(app.viewModel().getDocument().width()).isEqualTo(120);
        assertThat(app.viewModel().recent().recentFiles().get(0)).isEqualTo(first.toAbsolutePath().toString());
    }

    @Test
    void aBadFileShowsAnErrorWithoutAskingAndAGoodOneAsksAfterItIsRead(FxRobot robot) throws Exception {
        Path folder = Files.createTempDirectory("photos");
        Document doc = open(robot, TestImages.photo(folder, "keep.png", 300, 200));
        robot.drag(screenOf(50, 50), MouseButton.PRIMARY).moveTo(screenOf(250, 150)).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        long painted = doc.mask().count();
        assertThat(painted).isPositive();

        Path bad = TestImages.garbage(folder, "broken.jpg");
        javafx.application.Platform.runLater(() -> app.viewModel().files().open(bad));
        // The file is read first: a bad one shows why at once and never asks about (or touches) the unsaved work.
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#error-dialog").tryQuery().isPresent());
        DialogPane pane = robot.lookup("#error-dialog").queryAs(DialogPane.class);
        assertThat(pane.getHeaderText()).contains("broken.jpg");
        assertThat(pane.getContentText()).isNotBlank();
        Node ok = pane.lookupButton(ButtonType.OK);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ok.isVisible() && ok.getScene().getWindow().isShowing());
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn((Button) ok);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#error-dialog").tryQuery()).isEmpty();
        assertThat(robot.lookup("#save-changes-dialog").tryQuery()).isEmpty();
        assertThat(app.viewModel().getDocument()).isSameAs(doc);
        assertThat(doc.mask().count()).isEqualTo(painted);

        // A good file: read, then the question, which also offers to export the edited image.
        Path good = TestImages.photo(folder, "next.png", 160, 120);
        javafx.application.Platform.runLater(() -> app.viewModel().files().open(good));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> robot.lookup("#save-changes-dialog").tryQuery().isPresent());
        DialogPane ask = robot.lookup("#save-changes-dialog").queryAs(DialogPane.class);
        assertThat(ask.getButtonTypes()).extracting(ButtonType::getText)
                .contains("Save Project…", "Export Image…", "Discard Changes", "Cancel");
        Node discard = ask.getButtonTypes().stream().filter(t -> t.getText().equals("Discard Changes"))
                .map(ask::lookupButton).findFirst().orElseThrow();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> discard.isVisible() && discard.getScene() != null
                && discard.getScene().getWindow() != null && discard.getScene().getWindow().isShowing());
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(discard);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> good.equals(app.viewModel().getDocument().sourcePath()));
        assertThat(app.viewModel().getDocument().width()).isEqualTo(160);
    }
}
