package io.gatefill.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The PNG fast path gives exactly what ImageIO plus the exact ARGB copy give, for our encoder's files
 * and ImageIO's (which filter differently), and steps aside (null) for what it does not take or damage.
 */
class PngDecoderTest {
    private static BufferedImage noisy(int w, int h, int type, long seed) {
        BufferedImage img = new BufferedImage(w, h, type);
        Random random = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int a = type == BufferedImage.TYPE_INT_ARGB ? random.nextInt(256) : 255;
                img.setRGB(x, y, a << 24 | ((x + random.nextInt(5)) & 0xFF) << 16 | (y & 0xFF) << 8 | random.nextInt(256));
            }
        }
        return img;
    }

    private static byte[] imageIo(BufferedImage img, boolean interlaced) throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(interlaced ? ImageWriteParam.MODE_DEFAULT : ImageWriteParam.MODE_DISABLED);
            writer.write(null, new IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static int[] argb(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    private static void assertSameAsImageIo(byte[] png) throws Exception {
        BufferedImage fast = PngDecoder.decode(png);
        assertThat(fast).isNotNull();
        assertThat(fast.getType()).isEqualTo(BufferedImage.TYPE_INT_ARGB);
        BufferedImage reference = ArgbConversion.toArgb(ImageIO.read(new ByteArrayInputStream(png)));
        assertThat(argb(fast)).isEqualTo(argb(reference));
    }

    @Test
    void rgbAndRgbaFromBothEncodersDecodeExactly() throws Exception {
        for (int type : new int[] {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB}) {
            BufferedImage img = noisy(613, 1901, type, type);
            assertSameAsImageIo(PngEncoder.encode(img));
            assertSameAsImageIo(imageIo(img, false));
        }
        assertSameAsImageIo(imageIo(noisy(1, 1, BufferedImage.TYPE_INT_ARGB, 9), false));
    }

    @Test
    void otherKindsAndDamageAreLeftToImageIo() throws Exception {
        BufferedImage rgb = noisy(64, 48, BufferedImage.TYPE_INT_RGB, 3);
        assertThat(PngDecoder.decode(imageIo(rgb, true))).as("interlaced").isNull();
        assertThat(PngDecoder.decode(imageIo(new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY), false))).as("grey").isNull();
        assertThat(PngDecoder.decode(imageIo(new BufferedImage(8, 8, BufferedImage.TYPE_USHORT_GRAY), false))).as("16-bit").isNull();
        assertThat(PngDecoder.decode(imageIo(new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_INDEXED), false))).as("palette").isNull();
        byte[] good = PngEncoder.encode(rgb);
        assertThat(PngDecoder.decode(java.util.Arrays.copyOf(good, good.length - 20))).as("truncated").isNull();
        byte[] flipped = good.clone();
        flipped[60] ^= 0x10;
        assertThat(PngDecoder.decode(flipped)).as("bad CRC").isNull();
        assertThat(PngDecoder.decode(new byte[] {1, 2, 3})).as("not a PNG").isNull();
    }

    /** A grey image, with an alpha channel when {@code alpha}, of random samples. */
    private static BufferedImage grey(int w, int h, boolean alpha, long seed) {
        java.awt.image.ColorModel cm = new java.awt.image.ComponentColorModel(
                java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_GRAY), alpha, false,
                alpha ? java.awt.Transparency.TRANSLUCENT : java.awt.Transparency.OPAQUE, java.awt.image.DataBuffer.TYPE_BYTE);
        java.awt.image.WritableRaster raster = cm.createCompatibleWritableRaster(w, h);
        byte[] data = ((java.awt.image.DataBufferByte) raster.getDataBuffer()).getData();
        new Random(seed).nextBytes(data);
        return new BufferedImage(cm, raster, false, null);
    }

    /** The mask the general path makes: the photo decode (ImageIO, exact ARGB) and brightness x opacity. */
    private static byte[] maskByImageIo(byte[] png) throws Exception {
        int[] argb = argb(ArgbConversion.toArgb(ImageIO.read(new ByteArrayInputStream(png))));
        byte[] out = new byte[argb.length];
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            out[i] = (byte) MaskFiles.covered(MaskFiles.luma((p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF), p >>> 24);
        }
        return out;
    }

    @Test
    void masksOfEveryPlainColourTypeDecodeAsTheGeneralPathReadsThem() throws Exception {
        BufferedImage[] kinds = {grey(317, 211, false, 1), grey(317, 211, true, 2),
            noisy(317, 211, BufferedImage.TYPE_INT_RGB, 3), noisy(317, 211, BufferedImage.TYPE_INT_ARGB, 4)};
        for (BufferedImage kind : kinds) {
            byte[] png = imageIo(kind, false);
            var fast = PngDecoder.decodeMask(png);
            assertThat(fast).as("colour model %s", kind.getColorModel()).isNotNull();
            assertThat(fast.width()).isEqualTo(317);
            assertThat(fast.height()).isEqualTo(211);
            assertThat(fast.data()).isEqualTo(maskByImageIo(png));
        }
        assertThat(PngDecoder.decodeMask(imageIo(grey(16, 8, false, 5), true))).as("interlaced").isNull();
        assertThat(PngDecoder.decodeMask(imageIo(new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_INDEXED), false)))
                .as("palette").isNull();
    }

    @Test
    void aMaskWithAnOrientationTagIsLeftToThePathThatTurnsIt() throws Exception {
        byte[] png = imageIo(grey(16, 8, false, 6), false);
        byte[] tagged = MetadataBlocks.insertIntoPng(png, ImageFilesTest.tiffWithOrientation(6), null);
        assertThat(PngDecoder.decodeMask(png)).isNotNull();
        assertThat(PngDecoder.decodeMask(tagged)).isNull();
    }
}
