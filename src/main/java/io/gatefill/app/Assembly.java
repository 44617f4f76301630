package io.gatefill.app;

import io.gatefill.engine.EngineFactory;
import io.gatefill.engine.djl.DjlEngines;

/**
 * Where the program is assembled: the one class outside {@code engine.djl} that names it. The
 * editor's and the command line's entry points take their engines from here, so everything else
 * depends only on {@link EngineFactory} and a second inference library would change this line alone.
 */
public final class Assembly {
    private static final EngineFactory ENGINES = new DjlEngines();

    private Assembly() {
    }

    /** The engine factory of this build: DJL's PyTorch engine. */
    public static EngineFactory engines() {
        return ENGINES;
    }
}
