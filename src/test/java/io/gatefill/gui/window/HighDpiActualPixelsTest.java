package io.gatefill.gui.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatefill.core.settings.ConfigDirs;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real window on a screen scaled 2x (GTK, {@code glass.gtk.uiScale=2}): after Ctrl+1 a photo of
 * one-pixel black and white columns is drawn as one-pixel columns on the screen, i.e. 100 % is one
 * photo pixel per device pixel (at a zoom of 1 JavaFX pixel it would be two).
 */
class HighDpiActualPixelsTest {
    @TempDir
    Path dir;

    @Test
    void actualPixelsShowsOnePhotoPixelPerScreenPixelAtScale2() throws Exception {
        Path photo = dir.resolve("columns.png");
        BufferedImage columns = new BufferedImage(600, 400, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 400; y++) {
            for (int x = 0; x < 600; x++) {
                columns.setRGB(x, y, x % 2 == 0 ? 0x000000 : 0xffffff);
            }
        }
        ImageIO.write(columns, "png", photo.toFile());
        try (WindowManagerSession x = WindowManagerSession.start(
                Files.createDirectories(Path.of("target", "high-dpi-test")))) {
            Process editor = x.launchJava("editor", OpenPhotoHarness.Main.class.getName(), List.of(
                    "-D" + ConfigDirs.PROPERTY + "=" + Files.createDirectories(dir.resolve("config")),
                    "-Dglass.gtk.uiScale=2", "-Dharness.photo=" + photo));
            String window = x.waitForWindow(editor, "columns.png", 120);
            x.run("xdotool", "windowactivate", "--sync", window);
            WindowManagerSession.Geometry g = x.geometry(window);
            // The photo is centred in the canvas, which is near the window's centre: sample a row there.
            int cx = g.x() + g.width() / 2 - 40;
            int cy = g.y() + g.height() / 2;
            int[] row = new int[1];
            x.waitUntil(30, "one-pixel columns at the window's centre (" + cx + ", " + cy + ")", () -> {
                // Pressed again each time: the first fit-to-window of a new photo runs at its first layout
                // and may come after an early Ctrl+1. Pressing it twice changes nothing.
                x.run("xdotool", "key", "ctrl+1");
                BufferedImage screen = screenshot(x);
                row[0] = alternations(screen, cx, cy, 60);
                return row[0] == 59;
            });
            assertThat(row[0]).as("neighbouring screen pixels differ along 60 pixels").isEqualTo(59);
            x.run("xdotool", "key", "ctrl+q");
            editor.waitFor(60, TimeUnit.SECONDS);
        }
    }

    /** How many of the n-1 neighbour pairs from (x, y) rightwards are one dark and one light pixel. */
    private static int alternations(BufferedImage img, int x, int y, int n) {
        int count = 0;
        for (int i = 0; i < n - 1; i++) {
            boolean a = (img.getRGB(x + i, y) & 0xff) > 128;
            boolean b = (img.getRGB(x + i + 1, y) & 0xff) > 128;
            count += a != b ? 1 : 0;
        }
        return count;
    }

    private static BufferedImage screenshot(WindowManagerSession x) {
        try {
            // Kept in target/: the last screen is what explains a failure.
            Path file = Path.of("target", "high-dpi-test", "screen.png").toAbsolutePath();
            x.run("import", "-window", "root", "png:" + file);
            return ImageIO.read(file.toFile());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
