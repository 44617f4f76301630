package io.gatefill.core.io;
import java.awt.image.BufferedImage; import java.io.*; import java.nio.file.*; import javax.imageio.*; import javax.imageio.stream.*;
/** TEMP STUB. */
public final class ImageFiles {
    public static LoadedImage load(Path p, long maxPixels) throws IOException {
        if (!Files.exists(p)) throw new NoSuchFileException(p.toString());
        if (Files.size(p) == 0) throw new ImageFileException(p.getFileName() + " is empty");
        try (ImageInputStream in = ImageIO.createImageInputStream(p.toFile())) {
            var it = ImageIO.getImageReaders(in); if (!it.hasNext()) throw new ImageFileException("unsupported format");
            ImageReader r = it.next(); r.setInput(in);
            long px = (long) r.getWidth(0) * r.getHeight(0); if (px > maxPixels) throw new ImageFileException("too many pixels: " + r.getWidth(0) + "x" + r.getHeight(0));
            BufferedImage img; try { img = r.read(0); } catch (Exception e) { throw new ImageFileException("unreadable: " + e.getMessage()); }
            BufferedImage argb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_ARGB);
            argb.createGraphics().drawImage(img, 0, 0, null);
            return new LoadedImage(argb, new ImageMetadata(null, null, r.getFormatName()), r.getFormatName().toLowerCase());
        }
    }
    public static void save(BufferedImage img, Path target, SaveOptions o, ImageMetadata m) throws IOException {
        String f = o.format() == SaveOptions.Format.JPEG ? "jpeg" : "png";
        BufferedImage out = img; if (f.equals("jpeg")) { out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB); out.createGraphics().drawImage(img, 0, 0, null); }
        final BufferedImage o2 = out; AtomicFiles.write(target, os -> ImageIO.write(o2, f, os));
    }
}
