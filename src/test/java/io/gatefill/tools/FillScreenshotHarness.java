package io.gatefill.tools;

import io.gatefill.core.settings.ConfigDirs;
import io.gatefill.engine.ModelLocator;
import io.gatefill.gui.EditorViewModel;
import io.gatefill.gui.GatefillApp;
import io.gatefill.gui.fill.FillViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Opens the real editor (run it under Xvfb) with the fixture model, paints a mask over the lamp post
 * and a sketch line, runs Fill, optionally turns the gate view on, then prints READY so
 * {@code scripts/screenshot-fill.sh} can capture the screen.
 */
public final class FillScreenshotHarness extends GatefillApp {
    private static Path photo;
    private static boolean gates;

    /** Entry point; a separate class so the java launcher does not demand JavaFX on the module path. */
    public static final class Main {
        private Main() {
        }

        public static void main(String[] args) throws Exception {
            Path dir = Files.createTempDirectory("gatefill-fill-shot");
            System.setProperty(ConfigDirs.PROPERTY, dir.resolve("config").toString());
            System.setProperty(ModelLocator.PROPERTY,
                    Path.of("src/test/resources/fixture-model/fixture.pt").toAbsolutePath().toString());
            gates = args.length > 0 && args[0].equals("gates");
            photo = dir.resolve("harbour.jpg");
            ImageIO.write(ScreenshotHarness.landscape(3000, 2000), "jpeg", photo.toFile());
            Application.launch(FillScreenshotHarness.class);
        }
    }

    @Override
    public void start(Stage stage) {
        super.start(stage);
        stage.setX(0);
        stage.setY(0);
        EditorViewModel vm = viewModel();
        FillViewModel fill = fill();
        vm.files().open(photo);
        new Thread(() -> {
            try {
                ScreenshotHarness.awaitDocument(vm);
                Platform.runLater(() -> {
                    ScreenshotHarness.paintLampPost(vm);
                    // With the view on, the preview of the current mask runs first; the fill then brings its own maps.
                    fill.gates().showProperty().set(gates);
                });
                Thread.sleep(300);
                while (fill.runningProperty().get() || (gates && fill.gates().windowsProperty().get().isEmpty())) {
                    Thread.sleep(200);
                }
                Platform.runLater(() -> {
                    fill.gates().layerProperty().set(gates ? 4 : 0);
                    fill.fill();
                });
                Thread.sleep(500);
                while (fill.runningProperty().get() || vm.getDocument().history().undoDescription() == null
                        || !vm.getDocument().history().undoDescription().equals(FillViewModel.EDIT_NAME)) {
                    Thread.sleep(200);
                }
                Platform.runLater(() -> vm.cursorTextProperty().set("2050, 1200"));
                Thread.sleep(1500);
                System.out.println("READY");
                System.out.flush();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }).start();
    }
}
