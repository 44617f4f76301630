package io.gatefill.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The frame every simple command's {@code call()} shares: run the body with the command line's writers,
 * turn a {@link CommandFailure} into "error: …" and its documented exit code, and flush both writers
 * however the body ends. Any other exception goes on to picocli as before.
 */
final class CommandCall {
    private CommandCall() {
    }

    /** A command's work; returns its exit code. {@code X} lets a body throw more than CommandFailure. */
    @FunctionalInterface
    interface Body<X extends Exception> {
        int run(PrintWriter out, PrintWriter err) throws CommandFailure, X;
    }

    static <X extends Exception> int run(CommandSpec spec, Body<X> body) throws X {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return body.run(out, err);
        } catch (CommandFailure e) {
            err.println("error: " + e.getMessage());
            return e.exitCode();
        } finally {
            out.flush();
            err.flush();
        }
    }
}
