package io.gatefill.core.io;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Copies a decoded image's samples into TYPE_INT_ARGB exactly: palette entries as they are, grey
 * and RGB samples (with their alpha) scaled to 8 bits, without drawing. Drawing blends through
 * premultiplied alpha, which loses colour at low alpha, and converts grey as if it were linear.
 * Samples are copied in the file's own colour space, not converted: an embedded profile is written
 * back on export, so converting here and tagging there would apply it twice.
 */
final class ArgbConversion {
    private ArgbConversion() {
    }

    /** The source's bits per channel when above 8 (they are rounded away), else 0. */
    static int reducedFromBits(BufferedImage src) {
        ColorModel cm = src.getColorModel();
        if (cm instanceof IndexColorModel) {
            return 0;
        }
        int bits = 0;
        for (int c = 0; c < cm.getNumComponents(); c++) {
            bits = Math.max(bits, cm.getComponentSize(c));
        }
        return bits > 8 ? bits : 0;
    }

    static BufferedImage toArgb(BufferedImage src) {
        if (src.getType() == BufferedImage.TYPE_INT_ARGB) {
            return src;
        }
        ColorModel cm = src.getColorModel();
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_ARGB);
        if (cm instanceof IndexColorModel palette && src.getRaster().getNumBands() == 1) {
            copyIndexed(src.getRaster(), palette, out);
        } else if (isPlainSamples(src)) {
            copySamples(src.getRaster(), cm, out);
        } else {
            // CMYK, premultiplied or float images: rare in files; Src replaces instead of blending.
            Graphics2D g = out.createGraphics();
            g.setComposite(AlphaComposite.Src);
            g.drawImage(src, 0, 0, null);
            g.dispose();
        }
        return out;
    }

    /** Grey or RGB, with or without alpha, not premultiplied, integer samples of at most 16 bits. */
    private static boolean isPlainSamples(BufferedImage src) {
        ColorModel cm = src.getColorModel();
        if (!(cm instanceof ComponentColorModel || cm instanceof DirectColorModel) || cm.isAlphaPremultiplied()) {
            return false;
        }
        int type = src.getRaster().getTransferType();
        if (type != DataBuffer.TYPE_BYTE && type != DataBuffer.TYPE_USHORT && type != DataBuffer.TYPE_INT) {
            return false;
        }
        for (int c = 0; c < cm.getNumComponents(); c++) {
            if (cm.getComponentSize(c) > 16) {
                return false;
            }
        }
        int colours = cm.getNumColorComponents();
        int space = cm.getColorSpace().getType();
        return src.getRaster().getNumBands() == cm.getNumComponents()
                && ((space == ColorSpace.TYPE_GRAY && colours == 1) || (space == ColorSpace.TYPE_RGB && colours == 3));
    }

    private static void copyIndexed(Raster raster, IndexColorModel palette, BufferedImage out) {
        int w = raster.getWidth();
        int[] index = new int[w];
        int[] argb = new int[w];
        for (int y = 0; y < raster.getHeight(); y++) {
            raster.getSamples(0, y, w, 1, 0, index);
            for (int x = 0; x < w; x++) {
                argb[x] = palette.getRGB(index[x]);
            }
            out.setRGB(0, y, w, 1, argb, 0, w);
        }
    }

    private static void copySamples(Raster raster, ColorModel cm, BufferedImage out) {
        int w = raster.getWidth();
        int bands = raster.getNumBands();
        boolean grey = cm.getNumColorComponents() == 1;
        boolean alpha = cm.hasAlpha();
        int[] max = new int[bands];
        for (int b = 0; b < bands; b++) {
            max[b] = (1 << cm.getComponentSize(b)) - 1;
        }
        int[] row = new int[w * bands];
        int[] argb = new int[w];
        for (int y = 0; y < raster.getHeight(); y++) {
            raster.getPixels(0, y, w, 1, row);
            for (int x = 0, i = 0; x < w; x++, i += bands) {
                int r = to8(row[i], max[0]);
                int g = grey ? r : to8(row[i + 1], max[1]);
                int b = grey ? r : to8(row[i + 2], max[2]);
                int a = alpha ? to8(row[i + bands - 1], max[bands - 1]) : 255;
                argb[x] = a << 24 | r << 16 | g << 8 | b;
            }
            out.setRGB(0, y, w, 1, argb, 0, w);
        }
    }

    /** A sample of 1 to 16 bits to the nearest 8-bit level. */
    private static int to8(int value, int max) {
        return max == 255 ? value : (value * 255 + max / 2) / max;
    }
}
