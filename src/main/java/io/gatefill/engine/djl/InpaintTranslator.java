package io.gatefill.engine.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import io.gatefill.core.pipeline.InpaintInput;
import io.gatefill.core.raster.GrayRaster;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

/**
 * The one place where Java pixels meet tensors (the model contract of docs/architecture.md). Input: ARGB
 * ints become image [1,3,H,W] float32 RGB in [-1,1] (v / 127.5 - 1, alpha dropped), the mask becomes
 * [1,1,H,W] with 1 where the raster is >= 128 (hole), the sketch likewise (all zeros when absent).
 * Output: [1,3,H,W] RGB in [-1,1] becomes opaque ARGB ((v + 1) * 127.5, rounded, clamped).
 *
 * <p>Both ways work on whole rows of flat arrays: pixels are read from the image's own int array,
 * written row by row into direct native-order buffers that DJL passes on as they are, and the output is read from the tensor's buffer straight into the result's int array.
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
        int plane = w * h;
        int[] argb = pixels(input.image());
        ByteBuffer imageBytes = manager.allocateDirect(3 * plane * Float.BYTES);
        FloatBuffer image = imageBytes.asFloatBuffer();
        float[] r = new float[w];
        float[] g = new float[w];
        float[] b = new float[w];
        for (int y = 0, row = 0; y < h; y++, row += w) {
            for (int x = 0; x < w; x++) {
                int p = argb[row + x];
                r[x] = ((p >> 16) & 0xFF) / 127.5f - 1f;
                g[x] = ((p >> 8) & 0xFF) / 127.5f - 1f;
                b[x] = (p & 0xFF) / 127.5f - 1f;
            }
            image.put(row, r).put(plane + row, g).put(2 * plane + row, b);
        }
        ByteBuffer mask = manager.allocateDirect(plane * Float.BYTES);
        ByteBuffer sketch = manager.allocateDirect(plane * Float.BYTES);
        putBinary(input.mask(), mask.asFloatBuffer(), w, h);
        putBinary(input.sketch(), sketch.asFloatBuffer(), w, h);
        // Direct native-order ByteBuffers: DJL hands them to libtorch as they are (a FloatBuffer or a
        // float[] would be copied into a new buffer first).
        return new NDList(manager.create(imageBytes, new Shape(1, 3, h, w), DataType.FLOAT32),
                manager.create(mask, new Shape(1, 1, h, w), DataType.FLOAT32),
                manager.create(sketch, new Shape(1, 1, h, w), DataType.FLOAT32));
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
        if (out.getDataType() != DataType.FLOAT32) {
            throw new IllegalStateException("The model returned " + out.getDataType() + "; expected float32.");
        }
        // tryDirect: a view of the tensor's own memory where libtorch allows it, read before the call's
        // manager frees the tensor.
        return toImage(out.toByteBuffer(true).asFloatBuffer(), (int) shape[3], (int) shape[2]);
    }

    /** Returning null keeps DJL from adding a batch dimension: the tensors already carry N = 1. */
    @Override
    public Batchifier getBatchifier() {
        return null;
    }

    /** Contract tensors from ready float planes (the raw path of parity tests and benchmarks). */
    static NDList tensors(NDManager manager, float[] image, float[] mask, float[] sketch, int h, int w) {
        return new NDList(manager.create(image, new Shape(1, 3, h, w)),
                manager.create(mask, new Shape(1, 1, h, w)),
                manager.create(sketch, new Shape(1, 1, h, w)));
    }

    static BufferedImage toImage(float[] rgb, int w, int h) {
        return toImage(FloatBuffer.wrap(rgb), w, h);
    }

    /** Planar RGB floats (absolute positions from 0) into a new TYPE_INT_ARGB image's own int array. */
    private static BufferedImage toImage(FloatBuffer rgb, int w, int h) {
        int plane = w * h;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        int[] argb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        float[] r = new float[w];
        float[] g = new float[w];
        float[] b = new float[w];
        for (int y = 0, row = 0; y < h; y++, row += w) {
            rgb.get(row, r).get(plane + row, g).get(2 * plane + row, b);
            for (int x = 0; x < w; x++) {
                argb[row + x] = 0xFF000000 | channel(r[x]) << 16 | channel(g[x]) << 8 | channel(b[x]);
            }
        }
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
        putBinary(raster, FloatBuffer.wrap(out), w, h);
        return out;
    }

    /** 1 where the raster is on (>= 128), else 0; a null raster leaves the zeros a new buffer has. */
    private static void putBinary(GrayRaster raster, FloatBuffer target, int w, int h) {
        if (raster == null) {
            return;
        }
        byte[] data = raster.data();
        float[] row = new float[w];
        for (int y = 0, start = 0; y < h; y++, start += w) {
            for (int x = 0; x < w; x++) {
                row[x] = (data[start + x] & 0xFF) >= GrayRaster.ON_THRESHOLD ? 1f : 0f;
            }
            target.put(start, row);
        }
    }

    /**
     * The image's pixels as one int per pixel, row-major without offset or stride: its own array for
     * a plain TYPE_INT_ARGB image (the pipeline makes every window so), else one bulk conversion.
     */
    private static int[] pixels(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        if (image.getType() == BufferedImage.TYPE_INT_ARGB && image.getRaster().getParent() == null
                && image.getRaster().getDataBuffer() instanceof DataBufferInt ints && ints.getNumBanks() == 1
                && ints.getOffset() == 0 && ints.getData().length == w * h) {
            return ints.getData();
        }
        return image.getRGB(0, 0, w, h, null, 0, w);
    }

}
