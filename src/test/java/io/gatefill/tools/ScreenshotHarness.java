package io.gatefill.tools;

import io.gatefill.core.settings.ConfigDirs;
import io.gatefill.core.tools.ToolKind;
import io.gatefill.gui.EditorViewModel;
import io.gatefill.gui.GatefillApp;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Opens the real editor window (run it under Xvfb), loads a synthetic landscape photo and paints a
 * mask over the lamp post and a sketch line through it, then prints READY so a script can take a
 * screenshot of the screen: {@code scripts/screenshot-editor.sh}.
 */
public final class ScreenshotHarness extends GatefillApp {
    private static Path photo;

    /** Entry point; a separate class so the java launcher does not demand JavaFX on the module path. */
    public static final class Main {
        private Main() {
        }

        public static void main(String[] args) throws Exception {
            ScreenshotHarness.launchWith(args);
        }
    }

    static void launchWith(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("gatefill-shot");
        System.setProperty(ConfigDirs.PROPERTY, dir.resolve("config").toString());
        photo = dir.resolve("harbour.jpg");
        ImageIO.write(landscape(3000, 2000), "jpeg", photo.toFile());
        Application.launch(ScreenshotHarness.class, args);
    }

    @Override
    public void start(Stage stage) {
        super.start(stage);
        stage.setX(0);
        stage.setY(0);
        EditorViewModel vm = viewModel();
        vm.files().open(photo);
        new Thread(() -> {
            try {
                awaitDocument(vm);
                Platform.runLater(() -> {
                    paintLampPost(vm);
                    vm.cursorTextProperty().set("2050, 1200");
                });
                Thread.sleep(1500);
                System.out.println("READY");
                System.out.flush();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }).start();
    }

    /** Blocks until the photo opened in the background is on screen, plus a moment for the first layout. */
    static void awaitDocument(EditorViewModel vm) throws InterruptedException {
        while (vm.getDocument() == null) {
            Thread.sleep(100);
        }
        Thread.sleep(500);
    }

    /** The screenshots' edit (call on the FX thread): a mask over the lamp post, a sketch line through it. */
    static void paintLampPost(EditorViewModel vm) {
        vm.tools().brushSizeProperty().set(90);
        stroke(vm, 2050, 700, 2050, 1750);
        stroke(vm, 2000, 640, 2150, 640);
        vm.tools().toolProperty().set(ToolKind.SKETCH_PEN);
        vm.tools().brushSizeProperty().set(10);
        stroke(vm, 1700, 1480, 2400, 1380);
        vm.tools().toolProperty().set(ToolKind.MASK_BRUSH);
        vm.tools().brushSizeProperty().set(90);
    }

    private static void stroke(EditorViewModel vm, double x0, double y0, double x1, double y1) {
        vm.tools().beginStroke(x0, y0);
        for (int i = 1; i <= 20; i++) {
            vm.tools().strokeTo(x0 + (x1 - x0) * i / 20, y0 + (y1 - y0) * i / 20);
        }
        vm.tools().endStroke();
    }

    /** A synthetic harbour scene: sky, sun, sea, hills, and a lamp post that is the object to remove. */
    static BufferedImage landscape(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(70, 120, 200), 0, h * 0.55f, new Color(250, 200, 150)));
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(255, 235, 180));
        g.fillOval((int) (w * 0.2), (int) (h * 0.25), 220, 220);
        Path2D hills = new Path2D.Double();
        hills.moveTo(0, h * 0.55);
        for (int x = 0; x <= w; x += 50) {
            hills.lineTo(x, h * 0.5 - 120 * Math.sin(x / 400.0) - 60 * Math.sin(x / 137.0));
        }
        hills.lineTo(w, h * 0.6);
        hills.lineTo(0, h * 0.6);
        hills.closePath();
        g.setColor(new Color(60, 95, 70));
        g.fill(hills);
        g.setPaint(new GradientPaint(0, h * 0.58f, new Color(40, 90, 130), 0, h, new Color(15, 40, 70)));
        g.fillRect(0, (int) (h * 0.58), w, h);
        Random r = new Random(3);
        g.setColor(new Color(255, 255, 255, 60));
        for (int i = 0; i < 900; i++) {
            int y = (int) (h * 0.6 + r.nextDouble() * h * 0.4);
            g.fillRect(r.nextInt(w), y, 20 + r.nextInt(60), 3);
        }
        g.setColor(new Color(200, 180, 140));
        g.fillRect(0, (int) (h * 0.85), w, h);
        g.setColor(new Color(30, 30, 35));
        g.setStroke(new BasicStroke(38));
        g.drawLine(2050, 1750, 2050, 700);
        g.drawLine(2050, 700, 2130, 660);
        g.setColor(new Color(255, 240, 170));
        g.fillOval(2105, 650, 60, 50);
        g.dispose();
        return img;
    }
}
