package io.gatefill.core.io;
import java.awt.image.BufferedImage; import java.nio.file.*; import java.io.IOException; import io.gatefill.core.raster.GrayRaster;
/** TEMP STUB. */
public final class MaskFiles {
  public static GrayRaster readAnySize(Path p) throws IOException { BufferedImage i = javax.imageio.ImageIO.read(p.toFile()); if (i == null) throw new ImageFileException("not an image: " + p); GrayRaster g = new GrayRaster(i.getWidth(), i.getHeight()); for (int y = 0; y < i.getHeight(); y++) for (int x = 0; x < i.getWidth(); x++) { int v = i.getRGB(x, y); int l = (((v >> 16) & 255) + ((v >> 8) & 255) + (v & 255)) / 3; g.set(x, y, l >= 128 ? 255 : 0); } return g; }
}
