package io.gatefill.core.batch;

/** A batch that cannot start at all (missing folders, no images, output folder not allowed), with its kind. */
public class BatchSetupException extends Exception {
    /** Which part of the setup is wrong; the CLI maps each to an exit code. */
    public enum Kind {
        /** An input folder or the single mask is missing or unreadable, or there are no images. */
        INPUT,
        /** The output folder is an input folder, or cannot be created. */
        OUTPUT
    }

    private final Kind kind;

    public BatchSetupException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
