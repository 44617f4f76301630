package io.gatefill.cli;

/** A command ending with a user-facing message and a documented exit code instead of a stack trace. */
final class CommandFailure extends Exception {
    private final int exitCode;

    CommandFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
