package io.gatefill.engine;

import io.gatefill.core.pipeline.InpaintPipeline;
import io.gatefill.core.pipeline.PipelineSettings;

/**
 * A loaded model as the program uses it: the engine, its gate view (null when the model ships none or
 * it failed to load; {@code gateProblem} then says why), and the pipeline settings its card implies.
 * Each of engine and gate view owns its one inference thread; closing the session closes both.
 */
public record ModelSession(InpaintEngine engine, GateView gates, String gateProblem) implements AutoCloseable {
    /**
     * Loads the generator and its gate view; blocks for seconds. Filling works without the gate view,
     * so a gate view that fails to load leaves the engine and says why in {@link #gateProblem()}.
     */
    public static ModelSession open(EngineFactory factory, ModelFiles files, EngineOptions options,
                                    EngineLoadListener listener) throws ModelLoadException {
        InpaintEngine engine = factory.load(files, options, listener);
        try {
            return new ModelSession(engine, factory.loadGates(files, engine.card()), null);
        } catch (ModelLoadException e) {
            return new ModelSession(engine, null, e.getMessage());
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /** The pipeline settings of this model's card (its training scale). */
    public PipelineSettings pipelineSettings() {
        return engine.pipelineSettings();
    }

    /** The shared fill pipeline on this model. */
    public InpaintPipeline pipeline() {
        return engine.pipeline();
    }

    @Override
    public void close() {
        if (gates != null) {
            gates.close();
        }
        engine.close();
    }
}
