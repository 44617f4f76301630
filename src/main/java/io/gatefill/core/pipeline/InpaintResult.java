package io.gatefill.core.pipeline;

import io.gatefill.core.raster.Rect;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.util.List;

/**
 * A finished fill: one {@link Patch} per filled region (in fill order; regions are pairwise disjoint),
 * the bounding box of every pixel that may differ from the input, and the windows the model saw (in
 * image coordinates). The photo it was filled from is kept, not copied, and never modified; the whole
 * filled photo is composed only when asked for.
 */
public final class InpaintResult {
    private final BufferedImage source;
    private final List<Patch> patches;
    private final Rect affected;
    private final List<Window> windows;
    private BufferedImage whole;

    public InpaintResult(BufferedImage source, List<Patch> patches, Rect affected, List<Window> windows) {
        this.source = source;
        this.patches = List.copyOf(patches);
        this.affected = affected;
        this.windows = List.copyOf(windows);
    }

    /** The photo the fill read (the request's image). */
    public BufferedImage source() {
        return source;
    }

    public List<Patch> patches() {
        return patches;
    }

    public Rect affected() {
        return affected;
    }

    public List<Window> windows() {
        return windows;
    }

    /**
     * The whole filled photo, for the shells that write a file: a TYPE_INT_ARGB image composed on the
     * first call and kept (do not modify it).
     */
    public synchronized BufferedImage result() {
        if (whole == null) {
            whole = image(new Rect(0, 0, source.getWidth(), source.getHeight()));
        }
        return whole;
    }

    /** The pixels of {@link #affected()} after the fill (the editor's undo step), as a new TYPE_INT_ARGB image. */
    public BufferedImage patch() {
        return image(affected);
    }

    private BufferedImage image(Rect area) {
        RegionCanvas canvas = new RegionCanvas(source);
        patches.forEach(canvas::add);
        int[] pixels = canvas.cut(area);
        // Wraps the pixels instead of copying them: a 24-megapixel result then needs one array, not two.
        DirectColorModel argb = (DirectColorModel) ColorModel.getRGBdefault();
        WritableRaster raster = Raster.createPackedRaster(new DataBufferInt(pixels, pixels.length), area.width(),
                area.height(), area.width(), argb.getMasks(), null);
        return new BufferedImage(argb, raster, false, null);
    }
}
