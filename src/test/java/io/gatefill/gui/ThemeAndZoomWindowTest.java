package io.gatefill.gui;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatefill.gui.window.WindowPlacementStore;
import io.gatefill.testing.EditorWindows;
import io.gatefill.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real window: dark by default (dialogs too), View ▸ Theme ▸ Light switches and is remembered; 100 % is device pixels. */
@ExtendWith(ApplicationExtension.class)
class ThemeAndZoomWindowTest {
    @TempDir
    static Path dir;

    private GatefillApp app;
    private Path config;

    @Start
    void start(Stage stage) throws Exception {
        config = Files.createTempDirectory(dir, "cfg");
        app = EditorWindows.start(stage, config);
    }

    @AfterEach
    void stop() {
        EditorWindows.stop(app);
    }

    private static Color background(Scene scene) {
        return (Color) ((Region) scene.getRoot()).getBackground().getFills().get(0).getFill();
    }

    @Test
    void darkByDefaultEverywhereAndLightOnRequest(FxRobot robot) throws Exception {
        Scene main = app.view().getScene();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(background(main).getBrightness()).as("dark grey").isLessThan(0.25);
        assertThat(Math.abs(background(main).getRed() - background(main).getBlue())).as("neutral").isLessThan(0.03);

        robot.interact(() -> app.view().perform(EditorAction.HELP_ABOUT));
        WaitForAsyncUtils.waitForFxEvents();
        Scene about = robot.lookup("#help-about").query().getScene();
        assertThat(background(about).getBrightness()).as("other windows are dark too").isLessThan(0.25);

        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        MenuItem light = bar.getMenus().stream().filter(m -> m.getText().equals("View")).findFirst().orElseThrow()
                .getItems().stream().filter(i -> "Theme".equals(i.getText())).findFirst()
                .map(m -> ((javafx.scene.control.Menu) m).getItems().get(1)).orElseThrow();
        assertThat(light.getText()).isEqualTo("Light");
        robot.interact(light::fire);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(background(main).getBrightness()).as("light").isGreaterThan(0.8);
        assertThat(background(about).getBrightness()).isGreaterThan(0.8);
        assertThat(new WindowPlacementStore(config).value("theme")).as("remembered").isEqualTo("LIGHT");
    }

    @Test
    void actualPixelsIsOnePhotoPixelPerDevicePixel(FxRobot robot) throws Exception {
        Path photo = TestImages.photo(Files.createTempDirectory(dir, "photos"), "zoom.png", 1600, 1200);
        robot.interact(() -> app.viewModel().files().open(photo));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.viewModel().getDocument() != null);
        robot.interact(() -> app.view().perform(EditorAction.ZOOM_100));
        WaitForAsyncUtils.waitForFxEvents();
        CanvasView canvas = app.view().canvas();
        assertThat(canvas.viewport().zoom() * canvas.outputScale()).isEqualTo(1.0);
        assertThat(robot.lookup("#status-zoom").queryAs(Label.class).getText()).isEqualTo("100.0 %");
    }

    @Test
    void aFittedPhotoRefitsWhenTheWindowResizesUntilTheUserZooms(FxRobot robot) throws Exception {
        Path photo = TestImages.photo(Files.createTempDirectory(dir, "photos"), "refit.png", 1600, 1200);
        robot.interact(() -> app.viewModel().files().open(photo));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.viewModel().getDocument() != null);
        WaitForAsyncUtils.waitForFxEvents();
        CanvasView canvas = app.view().canvas();
        Stage stage = (Stage) canvas.getScene().getWindow();
        double fitted = canvas.viewport().zoom();
        robot.interact(() -> stage.setHeight(stage.getHeight() - 200));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.viewport().zoom()).as("still fit to the smaller window").isLessThan(fitted * 0.9);
        double photoBottom = canvas.viewport().toScreenY(1200);
        assertThat(photoBottom).as("whole photo visible").isLessThanOrEqualTo(canvas.getHeight());

        robot.interact(() -> app.view().perform(EditorAction.ZOOM_100));
        double actual = canvas.viewport().zoom();
        robot.interact(() -> stage.setHeight(stage.getHeight() + 200));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.viewport().zoom()).as("the user's zoom is kept").isEqualTo(actual);
    }
}
