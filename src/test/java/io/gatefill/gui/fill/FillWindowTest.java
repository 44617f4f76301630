package io.gatefill.gui.fill;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatefill.core.document.Document;
import io.gatefill.core.pipeline.FillEngine;
import io.gatefill.engine.ModelLocator;
import io.gatefill.gui.CanvasView;
import io.gatefill.gui.GatefillApp;
import io.gatefill.gui.Viewport;
import io.gatefill.testing.EditorWindows;
import io.gatefill.testing.ShippedModel;
import io.gatefill.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window with the real engine on the shipped model, found as the app finds it: open a photo,
 * paint a mask with the robot, press Fill, wait, check that only hole pixels changed, compare with the
 * original, undo and redo by keyboard.
 */
@ExtendWith(ApplicationExtension.class)
class FillWindowTest {
    private GatefillApp app;

    @Start
    void start(Stage stage) throws Exception {
        app = EditorWindows.startWithShippedModel(stage, Files.createTempDirectory("gatefill-fill-cfg"));
    }

    @AfterEach
    void stop() {
        EditorWindows.stop(app);
    }

    private Point2D screenOf(double x, double y) {
        return EditorWindows.screenOf(app, x, y);
    }

    @Test
    void paintFillCompareUndoRedo(FxRobot robot) throws Exception {
        Path photo = TestImages.photo(Files.createTempDirectory("photos"), "street.png", 192, 144);
        robot.interact(() -> app.viewModel().files().open(photo));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.viewModel().getDocument() != null);
        WaitForAsyncUtils.waitForFxEvents();
        Document doc = app.viewModel().getDocument();
        String model = "Model: " + ShippedModel.name();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> app.fill().model().textProperty().get().startsWith(model));
        robot.interact(() -> app.viewModel().tools().brushSizeProperty().set(14));

        robot.drag(screenOf(60, 70), MouseButton.PRIMARY).moveTo(screenOf(100, 72)).moveTo(screenOf(130, 75))
                .release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(doc.mask().get(100, 72)).isEqualTo(255);
        int[] before = doc.pixels().clone();
        byte[] maskBefore = doc.mask().data().clone();

        robot.clickOn("#fill-button");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> "Fill".equals(doc.history().undoDescription()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.fill().runningProperty().get()).isFalse();
        assertThat(doc.mask().isEmpty()).isTrue();
        assertThat(app.viewModel().history().items()).containsExactly("Opened", "Mask brush", "Fill");
        int[] after = doc.pixels().clone();
        int changed = 0;
        for (int i = 0; i < before.length; i++) {
            if ((maskBefore[i] & 0xFF) < 128) {
                assertThat(after[i]).as("pixel %d outside the mask", i).isEqualTo(before[i]);
            } else if (after[i] != before[i]) {
                changed++;
            }
        }
        assertThat(changed).as("hole pixels filled").isGreaterThan(200);
        assertThat(robot.lookup("#status-engine").queryAs(Label.class).getText()).startsWith(model).contains("cpu");

        // Holding \ shows the photo as it was before the fill at a filled pixel: one on the stroke's centre
        // row (a trained model may reproduce a pixel exactly, so no fixed one).
        int probe = -1;
        for (int i = 72 * 192 + 70; i < 72 * 192 + 125 && probe < 0; i++) {
            probe = after[i] != before[i] ? i : -1;
        }
        assertThat(probe).as("a filled pixel on row 72").isNotNegative();
        int px = probe % 192;
        robot.interact(() -> app.view().canvas().requestFocus());
        robot.press(KeyCode.BACK_SLASH);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvasPixel(robot, px, 72)).as("compare shows the pre-fill pixel").isEqualTo(before[probe]);
        robot.release(KeyCode.BACK_SLASH);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvasPixel(robot, px, 72)).as("after releasing: the filled pixel").isEqualTo(after[probe]);

        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(doc.pixels()).isEqualTo(before);
        assertThat(doc.mask().data()).isEqualTo(maskBefore);

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z).release(KeyCode.Z, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(doc.pixels()).isEqualTo(after);
        assertThat(doc.mask().isEmpty()).isTrue();

        // The shortcut: a second stroke, then Ctrl+Enter fills it as its own step.
        robot.drag(screenOf(30, 30), MouseButton.PRIMARY).moveTo(screenOf(50, 35)).release(MouseButton.PRIMARY);
        robot.interact(() -> app.view().canvas().requestFocus());
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> doc.history().size() == 4
                && "Fill".equals(doc.history().undoDescription()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.viewModel().history().items()).containsExactly("Opened", "Mask brush", "Fill", "Mask brush", "Fill");
        assertThat(doc.mask().isEmpty()).isTrue();
    }

    @Test
    void choosingAnEngineAndFillingAgainInTheWindow(FxRobot robot) throws Exception {
        Path photo = TestImages.photo(Files.createTempDirectory("photos"), "wall.png", 192, 144);
        robot.interact(() -> app.viewModel().files().open(photo));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.viewModel().getDocument() != null);
        WaitForAsyncUtils.waitForFxEvents();
        Document doc = app.viewModel().getDocument();
        assertThat(app.fill().engineProperty().get()).as("default engine").isEqualTo(FillEngine.DEFAULT);
        robot.interact(() -> app.viewModel().tools().brushSizeProperty().set(16));
        robot.drag(screenOf(60, 60), MouseButton.PRIMARY).moveTo(screenOf(110, 70)).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        int[] before = doc.pixels().clone();

        robot.clickOn("#fill-engine-patch");
        assertThat(app.fill().engineProperty().get()).isEqualTo(FillEngine.PATCH);
        robot.clickOn("#fill-button");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> "Fill".equals(doc.history().undoDescription()));
        WaitForAsyncUtils.waitForFxEvents();
        int[] first = doc.pixels().clone();
        assertThat(first).isNotEqualTo(before);
        assertThat(app.fill().status().text()).contains("with patch");

        robot.interact(() -> app.view().canvas().requestFocus());
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !app.fill().runningProperty().get()
                && "Fill".equals(doc.history().undoDescription()) && !java.util.Arrays.equals(doc.pixels(), first));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.viewModel().history().items()).as("the variation replaced the first fill")
                .containsExactly("Opened", "Mask brush", "Fill");
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(doc.pixels()).isEqualTo(before);
    }

    /** The colour the canvas shows at image pixel (x, y), from a snapshot of the canvas node. */
    private int canvasPixel(FxRobot robot, int x, int y) {
        CanvasView canvas = app.view().canvas();
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = canvas.snapshot(null, null));
        Viewport v = canvas.viewport();
        return shot[0].getPixelReader().getArgb((int) v.toScreenX(x + 0.5), (int) v.toScreenY(y + 0.5));
    }
}
