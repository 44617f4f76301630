package io.gatefill.engine;

import io.gatefill.core.pipeline.Inpainter;

/**
 * A loaded inpainting model ready to fill windows. Calls may come from any thread; implementations
 * serialise them onto their own inference thread. Close it to free native memory.
 */
public interface InpaintEngine extends Inpainter, AutoCloseable {
    /** The model card, the device and the checksum status, for the status bar and {@code model-info}. */
    EngineDescription describe();

    @Override
    void close();
}
