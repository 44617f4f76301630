package io.gatefill.engine;

/**
 * Contract tensors as flat float arrays in NCHW order with N = 1 (image 3 planes RGB in [-1,1], mask
 * and sketch 1 plane each in {0,1}): for parity checks against PyTorch and for timing the bare forward.
 */
public record RawTensors(float[] image, float[] mask, float[] sketch, int height, int width) {
    public RawTensors {
        int plane = height * width;
        if (image.length != 3 * plane || mask.length != plane || sketch.length != plane) {
            throw new IllegalArgumentException("array lengths do not match " + height + "x" + width);
        }
    }
}
