package io.gatefill.core.synthesis;

/** Receives a synthesis' progress and is asked, between sweeps, whether to stop. */
public interface SynthesisMonitor {
    SynthesisMonitor NONE = new SynthesisMonitor() {
        @Override
        public void progress(double fraction, String stage) {
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    };

    /** {@code fraction} in [0, 1] of the work done; {@code stage} says what runs now. */
    void progress(double fraction, String stage);

    /** True to stop at the next check: the synthesis then throws a CancellationException. */
    boolean cancelled();
}
