package io.gatefill.cli;

/** Process exit codes of the fill commands, documented in README; stable, because scripts branch on them. */
public final class ExitCodes {
    public static final int OK = 0;
    /** An unexpected internal error (a bug): the message and stack trace go to stderr. */
    public static final int INTERNAL = 1;
    /** Bad command-line usage (picocli's own code). */
    public static final int USAGE = 2;
    /** The image, mask or sketch file is missing, unreadable or not a supported image. */
    public static final int INPUT_UNREADABLE = 3;
    /** The mask or sketch size differs from the image. */
    public static final int SIZE_MISMATCH = 4;
    /** The mask has no hole: nothing to fill. */
    public static final int EMPTY_MASK = 5;
    /** The mask covers the whole image: nothing to fill from. */
    public static final int ALL_HOLE = 6;
    /** The model or its card is missing, corrupt, mismatching its checksum, of an unsupported contract or not TorchScript. */
    public static final int MODEL_INVALID = 7;
    /** A GPU was requested but none is usable. */
    public static final int DEVICE_UNAVAILABLE = 8;
    /** The output exists (no --overwrite) or is one of the inputs. */
    public static final int OUTPUT_REFUSED = 9;
    /** Writing the output failed (nothing partial is left behind: writes are atomic). */
    public static final int WRITE_FAILED = 10;
    /** The image is too large for the chosen strategy or for loading. */
    public static final int TOO_LARGE = 11;
    /** Inference itself failed. */
    public static final int INFERENCE_FAILED = 12;

    private ExitCodes() {
    }
}
