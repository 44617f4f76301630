package io.gatefill.core.pipeline;

import java.awt.image.BufferedImage;

/**
 * The model as the pipeline sees it: a prediction for every pixel of one padded window.
 * Implementations need not composite; the pipeline keeps every pixel outside the hole itself.
 */
@FunctionalInterface
public interface Inpainter {
    /** Returns an ARGB prediction of the same size as {@code input.image()}; blocks until done. */
    BufferedImage inpaint(InpaintInput input) throws InpaintException;
}
