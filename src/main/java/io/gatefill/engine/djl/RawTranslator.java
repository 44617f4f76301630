package io.gatefill.engine.djl;

import ai.djl.ndarray.NDList;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import io.gatefill.engine.RawTensors;

/** Passes contract tensors through untouched (see {@link RawTensors}); returns the prediction's floats. */
final class RawTranslator implements Translator<RawTensors, float[]> {
    @Override
    public NDList processInput(TranslatorContext ctx, RawTensors in) {
        return InpaintTranslator.tensors(ctx.getNDManager(), in.image(), in.mask(), in.sketch(), in.height(), in.width());
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList list) {
        return list.singletonOrThrow().toFloatArray();
    }

    @Override
    public Batchifier getBatchifier() {
        return null;
    }
}
