package io.gatefill.gui;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatefill.core.tools.ToolKind;
import io.gatefill.testing.EditorWindowCase;
import io.gatefill.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** In the real window: the brush starts relative to the photo, ] and [ scale it, and its size shows by the cursor. */
class BrushSizeWindowTest extends EditorWindowCase {
    @Test
    void aBigPhotoGetsABigBrushThatBracketsScaleWithTheSizeBesideTheCursor(FxRobot robot) throws Exception {
        Path photo = TestImages.photo(Files.createTempDirectory(dir, "photos"), "big.png", 3000, 2000);
        robot.interact(() -> app.viewModel().files().open(photo));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.viewModel().getDocument() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.viewModel().tools().brushSizeProperty().get()).as("60 px scaled from 1500 to 3000 px").isEqualTo(120);

        CanvasView canvas = app.view().canvas();
        Point2D cursor = canvas.localToScreen(canvas.getWidth() / 2, canvas.getHeight() / 2);
        robot.moveTo(cursor);
        robot.type(KeyCode.CLOSE_BRACKET);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.viewModel().tools().brushSizeProperty().get()).isEqualTo(150);
        Label hint = robot.lookup("#brush-size-hint").queryAs(Label.class);
        assertThat(hint.isVisible()).as("size shown while it changes").isTrue();
        assertThat(hint.getText()).isEqualTo("150 px");
        Bounds at = hint.localToScreen(hint.getBoundsInLocal());
        assertThat(at.getMinX()).as("right of the cursor").isGreaterThan(cursor.getX());
        assertThat(Math.abs(at.getCenterY() - cursor.getY())).as("level with it").isLessThan(20);

        for (int i = 0; i < 12; i++) {
            robot.type(KeyCode.CLOSE_BRACKET);
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.viewModel().tools().brushSizeProperty().get()).as("13 presses from 120 px").isGreaterThan(2000);
        assertThat(hint.getText()).isEqualTo(app.viewModel().tools().brushSizeProperty().get() + " px");
        robot.type(KeyCode.OPEN_BRACKET);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.viewModel().tools().brushSizeProperty().get()).isLessThan(2000);

        robot.interact(() -> app.viewModel().tools().toolProperty().set(ToolKind.SKETCH_PEN));
        assertThat(app.viewModel().tools().brushSizeProperty().get()).as("the pen too: 6 px scaled").isEqualTo(12);
    }
}
