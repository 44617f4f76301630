package io.gatefill.core.pipeline;

/** A fill that could not be done, with a user-facing message and a reason callers can branch on. */
public class InpaintException extends Exception {
    /** Why a fill was refused or failed; the CLI maps each to a documented exit code. */
    public enum Reason {
        /** The mask has no hole pixel: there is nothing to fill. */
        EMPTY_MASK,
        /** Every pixel is a hole: there is no context to fill from. */
        ALL_HOLE,
        /** Mask or sketch size differs from the image. */
        SIZE_MISMATCH,
        /** The chosen strategy would run the model on more pixels than it can afford. */
        TOO_LARGE,
        /** The engine failed during inference. */
        ENGINE_FAILED,
        /** The caller cancelled; the partial result was discarded. */
        CANCELLED
    }

    private final Reason reason;

    public InpaintException(Reason reason, String message) {
        this(reason, message, null);
    }

    public InpaintException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
