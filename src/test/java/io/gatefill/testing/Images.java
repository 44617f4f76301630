package io.gatefill.testing;

import io.gatefill.core.raster.GrayRaster;
import io.gatefill.core.raster.Rect;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;

/** Synthetic photos and masks written as real image files for end-to-end tests. */
public final class Images {
    private Images() {
    }

    /** A textured opaque photo, different at every pixel so a copy-paste error shows. */
    public static BufferedImage photo(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                row[x] = 0xFF000000 | ((x * 3 + y) & 0xFF) << 16 | ((y * 5 + x / 2) & 0xFF) << 8 | ((x ^ y) & 0xFF);
            }
            image.setRGB(0, y, w, 1, row, 0, w);
        }
        return image;
    }

    /** An image of one ARGB colour: a stand-in model's prediction, a patch. */
    public static BufferedImage solid(int w, int h, int argb) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Arrays.fill(((DataBufferInt) image.getRaster().getDataBuffer()).getData(), argb);
        return image;
    }

    /** A black mask with white rectangles (white = hole), as an RGB image a user would paint. */
    public static BufferedImage maskImage(int w, int h, Rect... holes) {
        BufferedImage mask = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (Rect r : holes) {
            for (int y = r.y(); y < r.y() + r.height(); y++) {
                for (int x = r.x(); x < r.x() + r.width(); x++) {
                    mask.setRGB(x, y, 0xFFFFFF);
                }
            }
        }
        return mask;
    }

    public static GrayRaster raster(int w, int h, Rect... holes) {
        GrayRaster m = new GrayRaster(w, h);
        for (Rect r : holes) {
            for (int y = r.y(); y < r.y() + r.height(); y++) {
                for (int x = r.x(); x < r.x() + r.width(); x++) {
                    m.set(x, y, 255);
                }
            }
        }
        return m;
    }

    public static Path png(BufferedImage image, Path file) throws IOException {
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
        return file;
    }

    public static BufferedImage read(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IOException("not an image: " + file);
        }
        return image;
    }
}
