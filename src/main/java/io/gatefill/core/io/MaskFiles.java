package io.gatefill.core.io;

import io.gatefill.core.raster.GrayRaster;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * Mask and sketch PNG files: white (bright) = hole or stroke, black = keep. A transparent pixel
 * counts as keep, so a mask painted on a transparent layer in another editor also works.
 */
public final class MaskFiles {
    private MaskFiles() {
    }

    /** Reads a mask that must match the photo's size. */
    public static GrayRaster read(Path file, int width, int height) throws ImageFileException {
        GrayRaster mask = readAnySize(file);
        if (mask.width() != width || mask.height() != height) {
            throw new ImageFileException(sizeMismatch("mask", file, mask, width, height));
        }
        return mask;
    }

    /** The one refusal of a mask or sketch ({@code what}) whose size is not its photo's. */
    public static String sizeMismatch(String what, Path file, GrayRaster raster, int width, int height) {
        return "The " + what + " " + file.getFileName() + " is " + raster.width() + "x" + raster.height()
                + " but the image is " + width + "x" + height + "; they must be the same size.";
    }

    public static GrayRaster readAnySize(Path file) throws ImageFileException {
        // The usual mask, a plain 8-bit PNG, straight from its rows (a 24 MP grey mask through ImageIO
        // and an ARGB copy took ~0.5 s); anything else as a photo is read.
        GrayRaster fast = ImageFiles.readPng(file, ImageFiles.DEFAULT_MAX_PIXELS, PngDecoder::decodeMask);
        if (fast != null) {
            return fast;
        }
        BufferedImage image = ImageFiles.load(file, ImageFiles.DEFAULT_MAX_PIXELS).image();
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] out = new byte[w * h];
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            out[i] = (byte) covered(luma((p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF), p >>> 24);
        }
        return new GrayRaster(w, h, out);
    }

    /** Brightness of an sRGB pixel (Rec. 601 weights), 0-255. */
    static int luma(int r, int g, int b) {
        return (299 * r + 587 * g + 114 * b) / 1000;
    }

    /** A mask pixel's value: its brightness where it is opaque, none where it is transparent. */
    static int covered(int luma, int alpha) {
        return luma * alpha / 255;
    }

    /** Scales a mask to another size with nearest neighbour and re-binarises it (no grey seams). */
    public static GrayRaster resizeNearest(GrayRaster mask, int width, int height) {
        GrayRaster out = new GrayRaster(width, height);
        byte[] dst = out.data();
        for (int y = 0; y < height; y++) {
            int sy = (int) ((y + 0.5) * mask.height() / height);
            for (int x = 0; x < width; x++) {
                int sx = (int) ((x + 0.5) * mask.width() / width);
                dst[y * width + x] = (byte) (mask.isOn(sx, sy) ? 255 : 0);
            }
        }
        return out;
    }

    /** Writes a greyscale PNG, white = hole, atomically. */
    public static void write(GrayRaster mask, Path target, boolean overwrite) throws ImageFileException {
        BufferedImage gray = new BufferedImage(mask.width(), mask.height(), BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setDataElements(0, 0, mask.width(), mask.height(), mask.data());
        byte[] png = ImageFiles.encode(gray, "png", 1f);
        AtomicFiles.write(target, overwrite, out -> out.write(png));
    }
}
