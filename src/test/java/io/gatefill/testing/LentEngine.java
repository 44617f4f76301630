package io.gatefill.testing;

import io.gatefill.core.pipeline.InpaintException;
import io.gatefill.core.pipeline.InpaintInput;
import io.gatefill.engine.EngineDescription;
import io.gatefill.engine.InpaintEngine;
import java.awt.image.BufferedImage;
import java.util.function.Consumer;

/**
 * An engine loaded once per JVM ({@link Fixture#engine()}, {@link ShippedModel#engine()}) lent to code
 * that closes what it is given: {@link #close()} does nothing, so later tests in the JVM can still use it.
 * {@code during} runs inside every model call, before the model (e.g. to cancel or edit meanwhile).
 */
public final class LentEngine implements InpaintEngine {
    private final InpaintEngine shared;
    private final Consumer<InpaintInput> during;

    public LentEngine(InpaintEngine shared) {
        this(shared, input -> { });
    }

    public LentEngine(InpaintEngine shared, Consumer<InpaintInput> during) {
        this.shared = shared;
        this.during = during;
    }

    @Override
    public BufferedImage inpaint(InpaintInput input) throws InpaintException {
        during.accept(input);
        return shared.inpaint(input);
    }

    @Override
    public EngineDescription describe() {
        return shared.describe();
    }

    @Override
    public void close() {
        // shared: the helper that loaded it keeps it for the whole JVM
    }
}
