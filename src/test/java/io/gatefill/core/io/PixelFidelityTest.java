package io.gatefill.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decoding keeps every pixel exactly, alpha included: no drawing through premultiplied alpha, no
 * colour-space conversion of grey; 16-bit sources are reduced to 8 bits and say so.
 */
class PixelFidelityTest {
    @TempDir
    Path dir;

    private static int[] argb(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    /** How many pixels differ: a count reads better in a failure than two 65,536-element arrays. */
    private static long mismatches(BufferedImage image, int[] expected) {
        int[] actual = argb(image);
        long n = 0;
        for (int i = 0; i < expected.length; i++) {
            if (actual[i] != expected[i]) {
                n++;
            }
        }
        return n;
    }

    private Path write(BufferedImage image, String name) throws Exception {
        Path file = dir.resolve(name);
        assertThat(ImageIO.write(image, "png", file.toFile())).isTrue();
        return file;
    }

    @Test
    void anAlphaRampKeepsEveryColourAtEveryAlpha() throws Exception {
        // 8-bit RGBA PNG: alpha = x, colours vary with y, so low alphas carry full-range colours.
        BufferedImage ramp = new BufferedImage(256, 256, BufferedImage.TYPE_4BYTE_ABGR);
        WritableRaster r = ramp.getRaster();
        int[] expected = new int[256 * 256];
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                int red = y;
                int green = 255 - y;
                int blue = (x * 7 + y * 3) & 0xFF;
                r.setPixel(x, y, new int[] {red, green, blue, x});
                expected[y * 256 + x] = x << 24 | red << 16 | green << 8 | blue;
            }
        }
        LoadedImage loaded = ImageFiles.load(write(ramp, "ramp.png"), ImageFiles.DEFAULT_MAX_PIXELS);
        assertThat(mismatches(loaded.image(), expected)).isZero();
        assertThat(loaded.reducedFromBits()).isZero();
    }

    @Test
    void aPaletteImageWithTransparentEntriesKeepsItsExactColours() throws Exception {
        byte[] red = new byte[16];
        byte[] green = new byte[16];
        byte[] blue = new byte[16];
        byte[] alpha = new byte[16];
        for (int i = 0; i < 16; i++) {
            red[i] = (byte) (i * 17);
            green[i] = (byte) (255 - i * 13);
            blue[i] = (byte) (i * 5 + 3);
            alpha[i] = (byte) (i * 16 + 1);
        }
        IndexColorModel palette = new IndexColorModel(4, 16, red, green, blue, alpha);
        BufferedImage indexed = new BufferedImage(40, 20, BufferedImage.TYPE_BYTE_BINARY, palette);
        int[] expected = new int[40 * 20];
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 40; x++) {
                int i = (x + y) % 16;
                indexed.getRaster().setSample(x, y, 0, i);
                expected[y * 40 + x] = palette.getRGB(i);
            }
        }
        LoadedImage loaded = ImageFiles.load(write(indexed, "palette.png"), ImageFiles.DEFAULT_MAX_PIXELS);
        assertThat(mismatches(loaded.image(), expected)).isZero();
    }

    @Test
    void greyValuesStayTheSameGreyValues() throws Exception {
        BufferedImage grey = new BufferedImage(256, 4, BufferedImage.TYPE_BYTE_GRAY);
        int[] expected = new int[256 * 4];
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 256; x++) {
                grey.getRaster().setSample(x, y, 0, x);
                expected[y * 256 + x] = 0xFF000000 | x << 16 | x << 8 | x;
            }
        }
        LoadedImage loaded = ImageFiles.load(write(grey, "grey.png"), ImageFiles.DEFAULT_MAX_PIXELS);
        assertThat(mismatches(loaded.image(), expected)).isZero();
    }

    @Test
    void sixteenBitSourcesAreRoundedToEightBitsAndSaySo() throws Exception {
        BufferedImage deep = new BufferedImage(256, 2, BufferedImage.TYPE_USHORT_GRAY);
        int[] expected = new int[256 * 2];
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 256; x++) {
                int v16 = x * 257 + (y == 0 ? 0 : 128); // 128 above a level rounds to the next one
                deep.getRaster().setSample(x, y, 0, Math.min(v16, 65535));
                int v8 = Math.min(255, (Math.min(v16, 65535) * 255 + 32767) / 65535);
                expected[y * 256 + x] = 0xFF000000 | v8 << 16 | v8 << 8 | v8;
            }
        }
        LoadedImage loaded = ImageFiles.load(write(deep, "deep.png"), ImageFiles.DEFAULT_MAX_PIXELS);
        assertThat(mismatches(loaded.image(), expected)).isZero();
        assertThat(loaded.reducedFromBits()).isEqualTo(16);
    }
}
