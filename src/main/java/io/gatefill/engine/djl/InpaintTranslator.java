package io.gatefill.engine.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import io.gatefill.core.pipeline.InpaintInput;
import io.gatefill.core.raster.GrayRaster;
import java.awt.image.BufferedImage;

/**
 * The one place where Java pixels meet tensors (the model contract of ARCHITECTURE.md). Input: ARGB
 * ints become image [1,3,H,W] float32 RGB in [-1,1] (v / 127.5 - 1, alpha dropped), the mask becomes
 * [1,1,H,W] with 1 where the raster is >= 128 (hole), the sketch likewise (all zeros when absent).
 * Output: [1,3,H,W] RGB in [-1,1] becomes opaque ARGB ((v + 1) * 127.5, rounded, clamped).
 * Every tensor lives in DJL's per-call NDManager, so nothing outlives the call.
 */
final class InpaintTranslator implements Translator<InpaintInput, BufferedImage> {
    @Override
    public NDList processInput(TranslatorContext ctx, InpaintInput input) {
        return toTensors(ctx.getNDManager(), input);
    }

    /** The contract's three input tensors, created in {@code manager} (freed with it). */
    static NDList toTensors(NDManager manager, InpaintInput input) {
        int w = input.image().getWidth();
        int h = input.image().getHeight();
        int[] argb = input.image().getRGB(0, 0, w, h, null, 0, w);
        float[] image = new float[3 * w * h];
        int plane = w * h;
        for (int i = 0; i < plane; i++) {
            int p = argb[i];
            image[i] = ((p >> 16) & 0xFF) / 127.5f - 1f;
            image[plane + i] = ((p >> 8) & 0xFF) / 127.5f - 1f;
            image[2 * plane + i] = (p & 0xFF) / 127.5f - 1f;
        }
        return tensors(manager, image, binary(input.mask()), binary(input.sketch(), w, h), h, w);
    }

    @Override
    public BufferedImage processOutput(TranslatorContext ctx, NDList list) {
        return toImage(list.singletonOrThrow());
    }

    /** The model's [1,3,H,W] output as an opaque ARGB image. */
    static BufferedImage toImage(NDArray out) {
        long[] shape = out.getShape().getShape();
        if (shape.length != 4 || shape[0] != 1 || shape[1] != 3) {
            throw new IllegalStateException("The model returned shape " + out.getShape() + "; expected [1,3,H,W].");
        }
        int h = (int) shape[2];
        int w = (int) shape[3];
        return toImage(out.toFloatArray(), w, h);
    }

    /** Returning null keeps DJL from adding a batch dimension: the tensors already carry N = 1. */
    @Override
    public Batchifier getBatchifier() {
        return null;
    }

    static NDList tensors(NDManager manager, float[] image, float[] mask, float[] sketch, int h, int w) {
        return new NDList(manager.create(image, new Shape(1, 3, h, w)),
                manager.create(mask, new Shape(1, 1, h, w)),
                manager.create(sketch, new Shape(1, 1, h, w)));
    }

    static BufferedImage toImage(float[] rgb, int w, int h) {
        int plane = w * h;
        int[] argb = new int[plane];
        for (int i = 0; i < plane; i++) {
            argb[i] = 0xFF000000 | channel(rgb[i]) << 16 | channel(rgb[plane + i]) << 8 | channel(rgb[2 * plane + i]);
        }
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, w, h, argb, 0, w);
        return image;
    }

    static int channel(float v) {
        if (Float.isNaN(v)) {
            return 0;
        }
        return Math.max(0, Math.min(255, Math.round((v + 1f) * 127.5f)));
    }

    static float[] binary(GrayRaster raster) {
        return binary(raster, raster.width(), raster.height());
    }

    static float[] binary(GrayRaster raster, int w, int h) {
        float[] out = new float[w * h];
        if (raster == null) {
            return out;
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (raster.isOn(x, y)) {
                    out[y * w + x] = 1f;
                }
            }
        }
        return out;
    }
}
