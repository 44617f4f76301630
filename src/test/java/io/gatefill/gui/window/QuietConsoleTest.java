package io.gatefill.gui.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatefill.core.settings.ConfigDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The editor as a user starts it (io.gatefill.Main, no arguments, a real window): nothing on the
 * console from start to Quit; with --verbose JavaFX's and DJL's messages are back.
 */
class QuietConsoleTest {
    @TempDir
    Path dir;

    @Test
    void aNormalStartPrintsNothingAndVerboseShowsTheLibrariesMessages() throws Exception {
        try (WindowManagerSession x = WindowManagerSession.start(
                Files.createDirectories(Path.of("target", "quiet-console-test")))) {
            String quiet = startAndQuit(x, List.of());
            assertThat(quiet).as("console of a normal start").isEmpty();

            String verbose = startAndQuit(x, List.of("--verbose"));
            assertThat(verbose).contains("Unsupported JavaFX configuration");
        }
    }

    private String startAndQuit(WindowManagerSession x, List<String> args) throws Exception {
        Path config = Files.createTempDirectory(dir, "config");
        // DJL's own environment as a user has it: the CLI sets nothing, so the editor alone must keep quiet.
        Process editor = x.launchJava("editor", "io.gatefill.Main", List.of("-D" + ConfigDirs.PROPERTY + "=" + config), args);
        String window = x.waitForWindow(editor, "^Gatefill$", 120);
        x.run("xdotool", "windowactivate", "--sync", window);
        x.run("xdotool", "key", "ctrl+q");
        assertThat(editor.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return x.output(editor).strip();
    }

    @Test
    void loadingTheModelThroughDjlPrintsNothingUnlessVerbose() throws Exception {
        // DJL loads at the first Fill, not at start: the same settings, then a real load of the fixture model.
        String quiet = loadModel("quiet");
        assertThat(quiet).as("DJL engine, repository and CUDA messages").isEmpty();
        assertThat(loadModel("verbose")).as("the same load with --verbose").contains("ai.djl");
    }

    private String loadModel(String mode) throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "io.gatefill.gui.QuietConsoleHarness", mode, io.gatefill.testing.Fixture.model().toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.strip();
    }
}
