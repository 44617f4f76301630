package io.gatefill.gui.fill;

import io.gatefill.engine.InpaintEngine;
import io.gatefill.engine.djl.DjlGateMapper;

/**
 * A loaded model as the Fill feature uses it: the engine, its gate view (null when the model ships
 * none or it failed to load; {@code gateProblem} then says why) and nothing else, closed together.
 */
public record ModelSession(InpaintEngine engine, DjlGateMapper gates, String gateProblem) implements AutoCloseable {
    @Override
    public void close() {
        if (gates != null) {
            gates.close();
        }
        engine.close();
    }
}
