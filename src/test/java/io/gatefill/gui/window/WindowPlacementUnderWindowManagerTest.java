package io.gatefill.gui.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatefill.core.settings.ConfigDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real editor in a real window under openbox, started three times: it opens at its full size
 * (not JDK-8316423's 200x200), so does the Batch window (Ctrl+B), and each start comes back at the
 * size, position and maximised state the previous one was closed with.
 */
class WindowPlacementUnderWindowManagerTest {
    private static final String MAIN = "^Gatefill$";
    private static final String BATCH = "^Batch ";

    @TempDir
    Path dir;

    @Test
    void windowsOpenFullSizedAndComeBackWhereTheyWereLeft() throws Exception {
        Path config = Files.createDirectories(dir.resolve("config"));
        try (WindowManagerSession x = WindowManagerSession.start(logs())) {
            // First start, no remembered placement: the default size, centred.
            Process editor = launch(x, config);
            String main = x.waitForWindow(editor, MAIN, 120);
            WindowManagerSession.Geometry first = settle(x, main, g -> g.width() >= 1200 && g.height() >= 780);
            assertThat(first.width()).as("default width, not 200 (JDK-8316423)").isGreaterThanOrEqualTo(1200);
            assertThat(first.height()).isGreaterThanOrEqualTo(780);

            x.run("xdotool", "windowactivate", "--sync", main);
            x.run("xdotool", "key", "ctrl+b");
            String batch = x.waitForWindow(editor, BATCH, 60);
            WindowManagerSession.Geometry batchSize = settle(x, batch, g -> g.width() >= 850 && g.height() >= 700);
            assertThat(batchSize.width()).as("batch window width").isGreaterThanOrEqualTo(850);
            assertThat(batchSize.height()).isGreaterThanOrEqualTo(700);
            assertThat(batchSize.y()).as("its title bar is on the screen").isPositive();

            // The user moves and resizes the main window, then quits.
            x.run("xdotool", "windowsize", main, "1000", "700");
            x.run("xdotool", "windowmove", main, "200", "120");
            WindowManagerSession.Geometry moved = settle(x, main, g -> g.width() == 1000 && g.height() == 700);
            assertThat(moved.width()).isEqualTo(1000);
            quit(x, main, editor);
            assertThat(config.resolve("windows.properties")).isRegularFile();

            // Second start: same size and place (within the frame's few pixels), then maximised by the title bar.
            editor = launch(x, config);
            main = x.waitForWindow(editor, MAIN, 120);
            WindowManagerSession.Geometry again = settle(x, main,
                    g -> g.width() == moved.width() && g.height() == moved.height());
            String saved = Files.readString(config.resolve("windows.properties"));
            assertThat(again.width()).as("remembered width; moved to %s, saved %s, now %s", moved, saved, again).isEqualTo(moved.width());
            assertThat(again.height()).as("remembered height").isEqualTo(moved.height());
            assertThat(again.x()).as("remembered x").isCloseTo(moved.x(), org.assertj.core.data.Offset.offset(12));
            assertThat(again.y()).as("remembered y").isCloseTo(moved.y(), org.assertj.core.data.Offset.offset(40));
            // openbox: a double-click on the title bar maximises. On a loaded machine the two clicks can
            // arrive too far apart to count as one double-click, so it is tried up to three times.
            WindowManagerSession.Geometry maximised = again;
            for (int attempt = 0; attempt < 3 && maximised.width() < 1580; attempt++) {
                x.run("xdotool", "mousemove", String.valueOf(again.x() + 400), String.valueOf(again.y() - 8));
                x.run("xdotool", "click", "--repeat", "2", "--delay", "80", "1");
                maximised = settle(x, main, g -> g.width() >= 1580);
            }
            assertThat(maximised.width()).as("maximised").isGreaterThanOrEqualTo(1580);
            quit(x, main, editor);

            // Third start: maximised again.
            editor = launch(x, config);
            main = x.waitForWindow(editor, MAIN, 120);
            WindowManagerSession.Geometry third = settle(x, main, g -> g.width() >= 1580);
            assertThat(third.width()).as("comes back maximised").isGreaterThanOrEqualTo(1580);
            quit(x, main, editor);
        }
    }

    /** Kept in target/ after the run: the editor's and openbox's output are what explain a failure here. */
    private static Path logs() throws java.io.IOException {
        return Files.createDirectories(Path.of("target", "window-manager-test"));
    }

    private static Process launch(WindowManagerSession x, Path config) throws Exception {
        return x.launchJava("editor", "io.gatefill.Main", List.of("-D" + ConfigDirs.PROPERTY + "=" + config));
    }

    /** The window's geometry once {@code wanted} holds, or as it is after a generous deadline (then asserted). */
    private static WindowManagerSession.Geometry settle(WindowManagerSession x, String window,
                                                        Predicate<WindowManagerSession.Geometry> wanted) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        WindowManagerSession.Geometry g = x.geometry(window);
        while (!wanted.test(g) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            g = x.geometry(window);
        }
        return g;
    }

    private static void quit(WindowManagerSession x, String window, Process editor) throws Exception {
        x.run("xdotool", "windowactivate", "--sync", window);
        x.run("xdotool", "key", "ctrl+q");
        assertThat(editor.waitFor(60, TimeUnit.SECONDS)).as("the editor quits on Ctrl+Q").isTrue();
    }
}
