package io.gatefill.core.io;
import io.gatefill.core.raster.GrayRaster; import java.awt.image.BufferedImage; import java.io.*; import java.nio.file.*; import javax.imageio.*;
/** TEMP STUB. */
public final class MaskFiles {
    public static GrayRaster read(Path p, int w, int h) throws IOException {
        BufferedImage i = ImageIO.read(p.toFile()); if (i == null) throw new ImageFileException("unreadable");
        if (i.getWidth() != w || i.getHeight() != h) throw new ImageFileException("mask is " + i.getWidth() + "x" + i.getHeight() + " but image is " + w + "x" + h);
        GrayRaster r = new GrayRaster(w, h); for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) r.set(x, y, ((i.getRGB(x, y) >> 8) & 0xFF) >= 128 ? 255 : 0); return r; }
    public static void write(GrayRaster r, Path p) throws IOException {
        BufferedImage i = new BufferedImage(r.width(), r.height(), BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < r.height(); y++) for (int x = 0; x < r.width(); x++) i.getRaster().setSample(x, y, 0, r.get(x, y));
        AtomicFiles.write(p, os -> ImageIO.write(i, "png", os)); }
}
