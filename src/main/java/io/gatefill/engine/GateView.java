package io.gatefill.engine;

import io.gatefill.core.pipeline.InpaintException;
import io.gatefill.core.pipeline.InpaintInput;
import java.util.List;

/**
 * The model's gate view: the learned soft masks of the card's gate layers for one model window, so
 * the editor can show what the network treats as valid, hole and sketch. Runs on its own thread;
 * close it to free native memory.
 */
public interface GateView extends AutoCloseable {
    /** Layer names in channel order, with their resolution, for the layer selector. */
    List<String> layers();

    /** The gate maps for one model window (the exact input the generator gets). */
    GateMaps gates(InpaintInput input) throws InpaintException;

    @Override
    void close();
}
