package io.gatefill.gui;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatefill.core.document.Document;
import io.gatefill.core.project.ProjectFile;
import io.gatefill.testing.EditorWindowCase;
import io.gatefill.testing.EditorWindows;
import io.gatefill.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.event.Event;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;
import javafx.stage.Modality;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 16 item 10: the first stroke right after Save As closes must be recorded. The real editor
 * saves through its real path (menu or Ctrl+Shift+S, the view model, the background writer); only
 * the native file chooser, which no robot can drive, is a modal JavaFX window with a Save button,
 * so the dialog's own press and release happen in another window exactly as with the native one.
 */
class SaveAsThenStrokeWindowTest extends EditorWindowCase {
    private Path target;
    private final AtomicInteger dialogsShown = new AtomicInteger();

    @Override
    protected GatefillApp launch(Stage stage, Path config) throws Exception {
        target = Files.createTempDirectory(dir, "projects").resolve("big.gatefill");
        return EditorWindows.start(stage, config, new GatefillApp() {
            @Override
            protected DialogService dialogs(Stage owner) {
                DialogService real = new FxDialogService(owner);
                // Every question as in the editor, but the save chooser (the proxy keeps this to one method).
                return (DialogService) Proxy.newProxyInstance(DialogService.class.getClassLoader(),
                        new Class<?>[] {DialogService.class}, (proxy, method, args) ->
                                method.getName().equals("chooseSaveFile") ? modalSaveDialog(owner)
                                        : method.invoke(real, args));
            }
        });
    }

    /** A modal window like the file chooser: it runs a nested event loop until its Save button is pressed. */
    private Optional<Path> modalSaveDialog(Stage owner) {
        dialogsShown.incrementAndGet();
        Stage dialog = new Stage();
        dialog.initOwner(owner);
        dialog.initModality(Modality.APPLICATION_MODAL);
        Button save = new Button("Save");
        save.setId("fake-save");
        save.setDefaultButton(true);
        save.setOnAction(e -> dialog.close());
        dialog.setScene(new Scene(new StackPane(save), 240, 120));
        dialog.showAndWait();
        return Optional.of(target);
    }

    private Document openBigPhoto(FxRobot robot) throws Exception {
        // 12 MP: big enough that the project is still being written when the stroke is drawn.
        Path photo = TestImages.photo(Files.createTempDirectory(dir, "photos"), "big.png", 4000, 3000);
        robot.interact(() -> app.viewModel().files().open(photo));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> app.viewModel().getDocument() != null);
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> app.viewModel().tools().brushSizeProperty().set(80));
        return app.viewModel().getDocument();
    }

    /** File ▸ Save Project As…, then the dialog's Save button, by mouse. */
    private static void saveAsFromTheMenu(FxRobot robot) throws Exception {
        robot.clickOn("File").clickOn("Save Project As…");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#fake-save").tryQuery().isPresent());
        robot.clickOn("#fake-save");
    }

    /** Draws right after the dialog closed, then checks the stroke is in the history and the mask. */
    private void strokeIsRecorded(FxRobot robot, Document doc) throws Exception {
        assertThat(app.viewModel().busyCountProperty().get()).as("the project is still being written").isPositive();
        robot.drag(screenOf(1000, 1500), MouseButton.PRIMARY).moveTo(screenOf(2000, 1500)).moveTo(screenOf(3000, 1500))
                .release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(doc.history().descriptions()).as("the first stroke after Save As").containsExactly("Mask brush");
        assertThat(doc.mask().get(2000, 1500)).isEqualTo(255);
        assertThat(doc.mask().get(2000, 500)).isZero();

        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> app.viewModel().busyCountProperty().get() == 0);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialogsShown).hasValue(1);
        assertThat(Files.exists(target)).isTrue();
        assertThat(doc.projectPath()).isEqualTo(target);
        assertThat(app.viewModel().history().dirtyProperty().get()).as("the stroke is not in the saved file").isTrue();
        assertThat(ProjectFile.read(target).mask().isEmpty()).as("the file holds the state at Save As").isTrue();
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(doc.mask().isEmpty()).as("and it undoes like any stroke").isTrue();
    }

    @Test
    void strokeRightAfterSaveAsFromTheMenuIsRecorded(FxRobot robot) throws Exception {
        Document doc = openBigPhoto(robot);
        saveAsFromTheMenu(robot);
        strokeIsRecorded(robot, doc);
    }

    /**
     * What the robot cannot do and the window system does after a modal dialog: the press of the next
     * stroke is lost (dropped while the owner window is still disabled, or taken by the closing dialog),
     * so the canvas gets drags with the button down but no press, and the dialog's own release may land
     * on the canvas. The drag must still paint and record a stroke; the stray release must do nothing.
     */
    @Test
    void aDragWithoutItsPressAfterSaveAsStillRecordsAStroke(FxRobot robot) throws Exception {
        Document doc = openBigPhoto(robot);
        saveAsFromTheMenu(robot);
        WaitForAsyncUtils.waitForFxEvents();
        CanvasView canvas = app.view().canvas();
        Viewport v = canvas.viewport();
        robot.interact(() -> {
            fire(canvas, MouseEvent.MOUSE_RELEASED, v.toScreenX(1000), v.toScreenY(1500), false); // the dialog's release
            fire(canvas, MouseEvent.MOUSE_DRAGGED, v.toScreenX(1000), v.toScreenY(1500), true);
            fire(canvas, MouseEvent.MOUSE_DRAGGED, v.toScreenX(2000), v.toScreenY(1500), true);
            fire(canvas, MouseEvent.MOUSE_DRAGGED, v.toScreenX(3000), v.toScreenY(1500), true);
            fire(canvas, MouseEvent.MOUSE_RELEASED, v.toScreenX(3000), v.toScreenY(1500), false);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(doc.history().descriptions()).as("the stroke whose press was lost").containsExactly("Mask brush");
        assertThat(doc.mask().get(2000, 1500)).isEqualTo(255);
        assertThat(doc.mask().get(2000, 500)).isZero();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> app.viewModel().busyCountProperty().get() == 0);
    }

    private static void fire(CanvasView canvas, javafx.event.EventType<MouseEvent> type, double x, double y,
                             boolean primaryDown) {
        Point2D scene = canvas.localToScene(x, y); // this constructor takes scene coordinates
        Point2D screen = canvas.localToScreen(x, y);
        Event.fireEvent(canvas, new MouseEvent(type, scene.getX(), scene.getY(), screen.getX(), screen.getY(),
                MouseButton.PRIMARY, 1,
                false, false, false, false, primaryDown, false, false, false, false, false, null));
    }

    @Test
    void strokeRightAfterSaveAsByShortcutAndEnterIsRecorded(FxRobot robot) throws Exception {
        Document doc = openBigPhoto(robot);
        robot.interact(() -> app.view().canvas().requestFocus());
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.S);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#fake-save").tryQuery().isPresent());
        // The shortcut's keys come up over the dialog, and Enter closes it on its press.
        robot.release(KeyCode.S, KeyCode.SHIFT, KeyCode.CONTROL);
        robot.press(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        robot.release(KeyCode.ENTER);
        strokeIsRecorded(robot, doc);
    }
}
