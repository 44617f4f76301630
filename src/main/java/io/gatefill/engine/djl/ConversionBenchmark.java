package io.gatefill.engine.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.gatefill.core.pipeline.InpaintInput;
import io.gatefill.engine.ConversionRuns;

/**
 * Times the Translator's two conversions alone, pixels to tensors (freeing them as each call does)
 * and tensor to pixels, so the benchmark can state their cost beside the forward pass instead of
 * deriving it from the difference of two noisy seconds-long figures. Needs a loaded PyTorch engine.
 */
final class ConversionBenchmark {
    private ConversionBenchmark() {
    }

    /** Milliseconds per run, in and out, for {@code runs} runs after two warm-ups. */
    static ConversionRuns measure(InpaintInput input, int runs) {
        int w = input.image().getWidth();
        int h = input.image().getHeight();
        double[] in = new double[runs];
        double[] out = new double[runs];
        try (NDManager base = NDManager.newBaseManager(Device.cpu(), DjlInpaintEngine.ENGINE)) {
            float[] prediction = new float[3 * w * h];
            for (int i = 0; i < prediction.length; i++) {
                prediction[i] = (float) Math.sin(i * 0.01);
            }
            NDArray output = base.create(prediction, new Shape(1, 3, h, w));
            for (int r = -2; r < runs; r++) {
                long t0 = System.nanoTime();
                try (NDManager call = base.newSubManager()) {
                    NDList tensors = InpaintTranslator.toTensors(call, input);
                    tensors.size();
                }
                long t1 = System.nanoTime();
                InpaintTranslator.toImage(output);
                long t2 = System.nanoTime();
                if (r >= 0) {
                    in[r] = (t1 - t0) / 1e6;
                    out[r] = (t2 - t1) / 1e6;
                }
            }
        }
        return new ConversionRuns(in, out);
    }
}
