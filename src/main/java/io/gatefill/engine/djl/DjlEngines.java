package io.gatefill.engine.djl;

import io.gatefill.core.pipeline.InpaintInput;
import io.gatefill.engine.ConversionRuns;
import io.gatefill.engine.EngineFactory;
import io.gatefill.engine.EngineLoadListener;
import io.gatefill.engine.EngineOptions;
import io.gatefill.engine.GateView;
import io.gatefill.engine.InpaintEngine;
import io.gatefill.engine.ModelCard;
import io.gatefill.engine.ModelFiles;
import io.gatefill.engine.ModelLoadException;

/** The engines on DJL's PyTorch engine: the generator, its gate view and the conversion benchmark. */
public final class DjlEngines implements EngineFactory {
    @Override
    public InpaintEngine load(ModelFiles files, EngineOptions options, EngineLoadListener listener)
            throws ModelLoadException {
        return DjlInpaintEngine.load(files, options, listener);
    }

    @Override
    public GateView loadGates(ModelFiles files, ModelCard card) throws ModelLoadException {
        return DjlGateMapper.load(files, card);
    }

    @Override
    public ConversionRuns timeConversion(InpaintInput input, int runs) {
        return ConversionBenchmark.measure(input, runs);
    }
}
