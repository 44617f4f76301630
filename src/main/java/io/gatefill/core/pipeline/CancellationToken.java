package io.gatefill.core.pipeline;

/**
 * A cancel flag shared between the thread that asks and the thread that works. A forward pass cannot
 * be interrupted, so the pipeline looks at it between regions and discards the partial result.
 */
public final class CancellationToken {
    private volatile boolean cancelled;

    /** Returns a token nobody will cancel. */
    public static CancellationToken none() {
        return new CancellationToken();
    }

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Throws a CANCELLED {@link InpaintException} if cancel was asked for. */
    public void throwIfCancelled() throws InpaintException {
        if (cancelled) {
            throw new InpaintException(InpaintException.Reason.CANCELLED, "Fill cancelled; nothing was changed.");
        }
    }
}
