package io.gatefill.gui.window;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A private X display (Xvfb) with a real window manager (openbox), for tests of what only a window
 * manager does to windows (JDK-8316423 needs one to show). The editor runs in a child JVM on that
 * display: the test JVM's own JavaFX is headless Monocle and cannot be switched.
 */
final class WindowManagerSession implements AutoCloseable {
    /** Window geometry as X reports it: the client area, without the window manager's frame. */
    record Geometry(int x, int y, int width, int height) {
    }

    private final List<Process> processes = new ArrayList<>();
    private final Map<Process, Path> outputs = new java.util.HashMap<>();
    private String display;
    private final Path logs;

    private WindowManagerSession(Path logs) {
        this.logs = logs;
    }

    /**
     * Starts Xvfb and openbox. Skips the test where they are not installed, except under CI, where
     * scripts/install-deps.sh installs them and their absence is a failure.
     */
    static WindowManagerSession start(Path logs) throws Exception {
        boolean present = onPath("Xvfb") && onPath("openbox") && onPath("xdotool") && onPath("xwininfo")
                && onPath("xprop") && onPath("import");
        if (!present && System.getenv("CI") != null) {
            fail("Xvfb, openbox, xdotool, x11-utils or imagemagick are missing: run scripts/install-deps.sh");
        }
        assumeTrue(present, "needs Xvfb, openbox, xdotool, x11-utils, imagemagick (scripts/install-deps.sh installs them)");
        WindowManagerSession s = new WindowManagerSession(logs);
        try {
            s.startServers();
        } catch (Exception | AssertionError e) {
            s.close(); // not yet handed to the caller's try-with-resources
            throw e;
        }
        return s;
    }

    private void startServers() throws IOException {
        // -displayfd: Xvfb picks a free display itself and writes its number once it accepts clients,
        // so two sessions (or a server still shutting down) can never share a number.
        Process xvfb = spawn("xvfb", List.of("Xvfb", "-displayfd", "1", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"),
                Map.of());
        Path log = outputs.get(xvfb);
        waitUntil(30, "X server up", () -> {
            try {
                return Files.readString(log).lines().anyMatch(l -> l.strip().matches("\\d+"));
            } catch (IOException e) {
                return false;
            }
        });
        display = ":" + Files.readString(log).lines().filter(l -> l.strip().matches("\\d+")).findFirst().orElseThrow().strip();
        spawn("openbox", List.of("openbox"), Map.of());
        // openbox announces itself on the root window once it manages windows.
        waitUntil(30, "openbox running", () -> run("xprop", "-root", "_NET_SUPPORTING_WM_CHECK").contains("window id"));
    }

    /** Starts a JVM on this display with the test classpath, running {@code mainClass}. */
    Process launchJava(String name, String mainClass, List<String> jvmArgs) throws IOException {
        return launchJava(name, mainClass, jvmArgs, List.of());
    }

    Process launchJava(String name, String mainClass, List<String> jvmArgs, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        cmd.add("-Dprism.order=sw");
        cmd.addAll(jvmArgs);
        cmd.add(mainClass);
        cmd.addAll(args);
        return spawn(name, cmd, Map.of());
    }

    /** The id of the visible top-level window of {@code owner} whose title matches {@code titleRegex}, once it exists. */
    String waitForWindow(Process owner, String titleRegex, int seconds) {
        String[] id = new String[1];
        waitUntil(seconds, "window \"" + titleRegex + "\"", () -> {
            if (!owner.isAlive()) {
                fail("the program exited (" + owner.exitValue() + ") before showing \"" + titleRegex + "\"; logs in " + logs);
            }
            String out = run("xdotool", "search", "--onlyvisible", "--name", titleRegex).trim();
            if (out.isEmpty()) {
                return false;
            }
            id[0] = out.lines().reduce((a, b) -> b).orElseThrow();
            return true;
        });
        return id[0];
    }

    boolean windowGone(String titleRegex) {
        return run("xdotool", "search", "--onlyvisible", "--name", titleRegex).isBlank();
    }

    Geometry geometry(String windowId) {
        String info = run("xwininfo", "-id", windowId);
        return new Geometry(field(info, "Absolute upper-left X"), field(info, "Absolute upper-left Y"),
                field(info, "Width"), field(info, "Height"));
    }

    /** Runs an X client (xdotool, xprop, ...) on this display and returns its standard output. */
    String run(String... command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("DISPLAY", display);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls {@code condition} until true; fails after {@code seconds} (a deadline, not a measurement). */
    void waitUntil(int seconds, String what, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what + "; logs in " + logs);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }

    /** What {@code process} wrote to its standard output and error so far. */
    String output(Process process) throws IOException {
        return Files.readString(outputs.get(process));
    }

    private Process spawn(String name, List<String> command, Map<String, String> env) throws IOException {
        Path log = logs.resolve(name + "-" + processes.size() + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        if (display != null) {
            pb.environment().put("DISPLAY", display);
        }
        pb.environment().putAll(env);
        Process p = pb.start();
        processes.add(p);
        outputs.put(p, log);
        return p;
    }

    @Override
    public void close() {
        // Newest first: the editor, then openbox, then the X server under them.
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.destroy();
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int field(String xwininfo, String name) {
        Matcher m = Pattern.compile(Pattern.quote(name) + ":\\s*(-?\\d+)").matcher(xwininfo);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in: " + xwininfo);
        }
        return Integer.parseInt(m.group(1));
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
