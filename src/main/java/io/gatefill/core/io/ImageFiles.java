package io.gatefill.core.io;
import java.awt.image.BufferedImage; import java.nio.file.*; import java.io.IOException;
/** TEMP STUB. */
public final class ImageFiles {
  /** TEMP STUB. */
  public record SaveOptions(String format) { public static SaveOptions forPath(Path p) { String n = p.getFileName().toString(); return new SaveOptions(n.substring(n.lastIndexOf('.') + 1)); } }
  public static ImageInfo probe(Path p) throws IOException { BufferedImage i = javax.imageio.ImageIO.read(p.toFile()); if (i == null) throw new ImageFileException("not an image: " + p); return new ImageInfo(i.getWidth(), i.getHeight(), "png"); }
  public static LoadedImage load(Path p, long max) throws IOException { BufferedImage i = javax.imageio.ImageIO.read(p.toFile()); if (i == null) throw new ImageFileException("not an image: " + p); BufferedImage a = new BufferedImage(i.getWidth(), i.getHeight(), BufferedImage.TYPE_INT_ARGB); a.getGraphics().drawImage(i, 0, 0, null); return new LoadedImage(a, new ImageMetadata(), "png"); }
  public static void save(BufferedImage img, Path out, SaveOptions o, ImageMetadata m) throws IOException { Path tmp = out.resolveSibling(out.getFileName() + ".tmp"); javax.imageio.ImageIO.write(img, o.format(), tmp.toFile()); Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE); }
}
