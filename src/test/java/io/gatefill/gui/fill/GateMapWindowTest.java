package io.gatefill.gui.fill;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatefill.core.document.Document;
import io.gatefill.gui.CanvasView;
import io.gatefill.gui.GatefillApp;
import io.gatefill.gui.Viewport;
import io.gatefill.testing.EditorWindowCase;
import io.gatefill.testing.EditorWindows;
import io.gatefill.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 16 item 11 in the real window with the shipped model: the gate view is off without a photo;
 * with one, every layer the card lists can be chosen, each drawn over its own 1st-99th percentile so
 * it shows structure, not one flat colour, with the layer and its value range in the legend.
 */
class GateMapWindowTest extends EditorWindowCase {
    @Override
    protected GatefillApp launch(Stage stage, Path config) throws Exception {
        return EditorWindows.startWithShippedModel(stage, config);
    }

    @Test
    void everyCardLayerIsShownContrastStretchedWithItsRangeAndTheViewIsOffWithoutAPhoto(FxRobot robot)
            throws Exception {
        ToggleButton toggle = robot.lookup("#fill-gates").queryAs(ToggleButton.class);
        GateOverlay overlay = robot.lookup("#gate-overlay").queryAs(GateOverlay.class);
        GateMapViewModel gates = app.fill().gates();
        assertThat(toggle.isDisabled()).as("no photo: no gate view").isTrue();
        robot.interact(() -> gates.showProperty().set(true)); // Shift+G without a photo
        assertThat(overlay.isVisible()).isFalse();
        robot.interact(() -> gates.showProperty().set(false));

        Path photo = TestImages.photo(Files.createTempDirectory("photos"), "street.png", 192, 144);
        robot.interact(() -> app.viewModel().files().open(photo));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.viewModel().getDocument() != null);
        Document doc = app.viewModel().getDocument();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !gates.layers().isEmpty());
        assertThat(toggle.isDisabled()).isFalse();
        robot.interact(() -> app.viewModel().tools().brushSizeProperty().set(16));
        robot.drag(screenOf(60, 70), MouseButton.PRIMARY).moveTo(screenOf(100, 72)).moveTo(screenOf(130, 75))
                .release(MouseButton.PRIMARY);
        robot.clickOn("#fill-gates");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !gates.windowsProperty().get().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(overlay.isVisible()).isTrue();

        List<GateWindow> windows = gates.windowsProperty().get();
        @SuppressWarnings("unchecked")
        ComboBox<String> layer = robot.lookup("#gate-layer").queryAs(ComboBox.class);
        assertThat(layer.getItems()).as("the layers the card lists").hasSize(5)
                .containsExactlyElementsOf(windows.get(0).maps().layers());
        int structured = 0;
        for (int k = 0; k < layer.getItems().size(); k++) {
            int index = k;
            robot.interact(() -> layer.getSelectionModel().select(index));
            assertThat(gates.layerProperty().get()).isEqualTo(k);
            GateScale scale = gates.scaleProperty().get();
            assertThat(scale).isEqualTo(GateScale.of(windows, k));
            assertThat(scale.high()).isGreaterThan(scale.low());
            assertThat(gates.legend()).contains(layer.getItems().get(k))
                    .contains(String.format(Locale.ROOT, "%.2f to %.2f", scale.low(), scale.high()));
            double spread = greenSpread(robot, overlay, windows.get(0));
            if (rawSpread(windows.get(0), k) > 1e-3) {
                assertThat(spread).as("layer %s shows structure, not one colour", layer.getItems().get(k))
                        .isGreaterThan(0.4);
                structured++;
            }
        }
        assertThat(structured).as("layers with any variation").isPositive();

        robot.interact(() -> app.view().canvas().requestFocus());
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL); // nothing unsaved left
        robot.press(KeyCode.CONTROL, KeyCode.W).release(KeyCode.W, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.viewModel().getDocument()).isNull();
        assertThat(doc.mask().isEmpty()).isTrue();
        assertThat(toggle.isDisabled()).as("closed: the view is off again").isTrue();
        assertThat(gates.showProperty().get()).isFalse();
        assertThat(overlay.isVisible()).isFalse();
    }

    /** The 5th to 95th percentile of the overlay's green over the window: viridis's green runs from 0.00 to 0.91. */
    private static double greenSpread(FxRobot robot, GateOverlay overlay, GateWindow w) {
        List<Double> greens = new ArrayList<>();
        robot.interact(() -> {
            overlay.paint();
            SnapshotParameters params = new SnapshotParameters();
            params.setFill(Color.TRANSPARENT);
            WritableImage shot = overlay.snapshot(params, null);
            PixelReader pixels = shot.getPixelReader();
            Viewport v = ((CanvasView) overlay.getParent().getChildrenUnmodifiable().get(0)).viewport();
            int x0 = (int) Math.ceil(v.toScreenX(w.window().x())) + 3;
            int y0 = (int) Math.max(60, Math.ceil(v.toScreenY(w.window().y())) + 3); // below the legend
            int x1 = (int) Math.min(shot.getWidth(), v.toScreenX(w.window().x() + w.window().width())) - 3;
            int y1 = (int) Math.min(shot.getHeight(), v.toScreenY(w.window().y() + w.window().height())) - 3;
            for (int y = y0; y < y1; y += 2) {
                for (int x = x0; x < x1; x += 2) {
                    greens.add(pixels.getColor(x, y).getGreen());
                }
            }
        });
        Collections.sort(greens);
        return greens.get(greens.size() * 95 / 100) - greens.get(greens.size() * 5 / 100);
    }

    private static double rawSpread(GateWindow w, int layer) {
        GateScale s = GateScale.of(List.of(w), layer);
        return s.high() - s.low() - 0.01 > 0 ? s.high() - s.low() : 0;
    }
}
