package io.gatefill.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a class of the test classpath in a fresh JVM through {@code sh}, for what a test JVM cannot
 * change about itself: the umask, the heap size.
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** What the child printed (stdout and stderr together) and how it ended. */
    public record Result(int exitCode, String output) {
    }

    /**
     * @param shellPrefix shell commands run before the JVM starts, e.g. {@code umask 077}
     * @param jvmOptions  options such as {@code -Xmx64m}
     */
    public static Result run(String shellPrefix, List<String> jvmOptions, String mainClass, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Djava.awt.headless=true");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        StringBuilder line = new StringBuilder(shellPrefix).append(" && exec");
        for (String part : command) {
            line.append(" '").append(part.replace("'", "'\\''")).append('\'');
        }
        Process child = new ProcessBuilder("sh", "-c", line.toString()).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(child.waitFor(), output);
    }
}
