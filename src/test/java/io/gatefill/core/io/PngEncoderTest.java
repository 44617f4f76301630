package io.gatefill.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.Adler32;
import java.util.zip.Inflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The striped PNG encoder: what it writes decodes to the input's exact ARGB values (ImageIO and an
 * independent reader of our own: inflate, then undo the filters), sequential and parallel runs give the
 * same bytes, and opaque images become RGB while any translucency keeps RGBA.
 */
class PngEncoderTest {
    @TempDir
    Path dir;

    /** Photo-like content: smooth gradients plus noise, so every filter type wins some rows. */
    private static BufferedImage photo(int w, int h, int type, long seed, boolean translucent) {
        BufferedImage img = new BufferedImage(w, h, type);
        Random random = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = (x * 255 / Math.max(1, w - 1) + random.nextInt(9)) & 0xFF;
                int g = (y * 255 / Math.max(1, h - 1)) & 0xFF;
                int b = y % 97 < 30 ? random.nextInt(256) : (x ^ y) & 0xFF;
                int a = translucent ? (x + 3 * y) & 0xFF : 0xFF;
                img.setRGB(x, y, a << 24 | r << 16 | g << 8 | b);
            }
        }
        return img;
    }

    private static int[] argb(BufferedImage img) {
        int[] px = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
        if (!img.getColorModel().hasAlpha()) {
            for (int i = 0; i < px.length; i++) {
                px[i] |= 0xFF000000;
            }
        }
        return px;
    }

    private static void assertDecodesTo(byte[] png, BufferedImage expected) throws Exception {
        BufferedImage viaImageIo = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(viaImageIo.getWidth()).isEqualTo(expected.getWidth());
        assertThat(viaImageIo.getHeight()).isEqualTo(expected.getHeight());
        assertThat(argb(viaImageIo)).isEqualTo(argb(expected));
        assertThat(OwnDecoder.decode(png)).isEqualTo(argb(expected));
    }

    /** Encodes, checks the IHDR colour type, and decodes back to the input. */
    private static void assertRoundTripAs(BufferedImage img, int colourType) throws Exception {
        byte[] png = PngEncoder.encode(img);
        assertThat(png[8 + 8 + 9]).as("colour type").isEqualTo((byte) colourType);
        assertDecodesTo(png, img);
    }

    @Test
    void opaqueArgbSpanningManyStripesRoundTripsAsRgb() throws Exception {
        // 4.1 MB raw: 5 stripes
        assertRoundTripAs(photo(1501, 907, BufferedImage.TYPE_INT_ARGB, 1, false), 2);
    }

    @Test
    void translucentArgbRoundTripsAsRgba() throws Exception {
        BufferedImage img = photo(1024, 600, BufferedImage.TYPE_INT_ARGB, 2, true);
        img.setRGB(5, 5, 0x00123456); // a fully transparent pixel keeps its colour too
        assertRoundTripAs(img, 6);
    }

    @Test
    void intRgbAndItsSubimageRoundTrip() throws Exception {
        BufferedImage img = photo(800, 700, BufferedImage.TYPE_INT_RGB, 3, false);
        assertDecodesTo(PngEncoder.encode(img), img);
        BufferedImage sub = img.getSubimage(13, 29, 401, 333); // shares the parent's buffer: offset and stride
        assertDecodesTo(PngEncoder.encode(sub), sub);
    }

    @Test
    void tinyAndOddShapesRoundTrip() throws Exception {
        for (int[] size : new int[][] {{1, 1}, {1, 5000}, {5000, 1}, {3, 2}, {70000, 4}}) {
            BufferedImage img = photo(size[0], size[1], BufferedImage.TYPE_INT_ARGB, size[0], size[0] % 2 == 1);
            assertDecodesTo(PngEncoder.encode(img), img);
        }
    }

    @Test
    void everyLevelIsLosslessAndParallelEqualsSequential() throws Exception {
        BufferedImage img = photo(1200, 1000, BufferedImage.TYPE_INT_ARGB, 4, false);
        for (int level : new int[] {1, 6}) {
            byte[] parallel = PngEncoder.encode(img, level, true);
            assertThat(PngEncoder.encode(img, level, false)).isEqualTo(parallel);
            assertDecodesTo(parallel, img);
        }
    }

    @Test
    void savedAndLoadedThroughImageFilesWithMetadata() throws Exception {
        BufferedImage img = photo(900, 1300, BufferedImage.TYPE_INT_ARGB, 5, true);
        byte[] exif = ImageFilesTest.tiffWithOrientation(1);
        Path file = dir.resolve("out.png");
        ImageFiles.save(img, file, SaveOptions.png(), new ImageMetadata(exif, null, "png"));
        LoadedImage loaded = ImageFiles.load(file, ImageFiles.DEFAULT_MAX_PIXELS);
        assertThat(argb(loaded.image())).isEqualTo(argb(img));
        assertThat(loaded.metadata().exif()).isEqualTo(exif);
        assertThat(Files.size(file)).isLessThan(900L * 1300 * 4);
    }

    @Test
    void adlerOfAConcatenationIsCombinedFromItsParts() {
        Random random = new Random(6);
        for (int n = 0; n < 50; n++) {
            byte[] a = new byte[random.nextInt(200_000)];
            byte[] b = new byte[random.nextInt(200_000)];
            random.nextBytes(a);
            random.nextBytes(b);
            Adler32 whole = new Adler32();
            whole.update(a);
            whole.update(b);
            Adler32 first = new Adler32();
            first.update(a);
            Adler32 second = new Adler32();
            second.update(b);
            assertThat(PngEncoder.combineAdler(first.getValue(), second.getValue(), b.length)).isEqualTo(whole.getValue());
        }
    }

    @Test
    void otherTypesAreRefused() {
        BufferedImage gray = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        assertThat(PngEncoder.supports(gray)).isFalse();
        assertThatThrownBy(() -> PngEncoder.encode(gray)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A second PNG reader, independent of ImageIO and of the encoder: checks chunk CRCs, inflates the
     * IDAT data with the zlib wrapper (so the combined Adler-32 is verified) and undoes each row's filter.
     */
    static final class OwnDecoder {
        static int[] decode(byte[] png) throws Exception {
            ByteBuffer in = ByteBuffer.wrap(png, 8, png.length - 8);
            int w = 0;
            int h = 0;
            int bpp = 0;
            ByteArrayOutputStream idat = new ByteArrayOutputStream();
            while (in.hasRemaining()) {
                int length = in.getInt();
                byte[] typeAndData = new byte[4 + length];
                in.get(typeAndData);
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                crc.update(typeAndData);
                assertThat(in.getInt()).as("chunk CRC").isEqualTo((int) crc.getValue());
                String type = new String(typeAndData, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
                ByteBuffer data = ByteBuffer.wrap(typeAndData, 4, length);
                if (type.equals("IHDR")) {
                    w = data.getInt();
                    h = data.getInt();
                    assertThat(data.get()).as("bit depth").isEqualTo((byte) 8);
                    bpp = data.get() == 6 ? 4 : 3;
                } else if (type.equals("IDAT")) {
                    idat.write(typeAndData, 4, length);
                }
            }
            int rowBytes = w * bpp;
            byte[] raw = new byte[h * (rowBytes + 1)];
            Inflater inflater = new Inflater();
            inflater.setInput(idat.toByteArray());
            int got = 0;
            while (got < raw.length && !inflater.finished()) {
                got += inflater.inflate(raw, got, raw.length - got);
            }
            byte[] rest = new byte[1];
            assertThat(inflater.inflate(rest)).isZero();
            assertThat(inflater.finished()).as("zlib stream ends with a valid Adler-32").isTrue();
            inflater.end();
            assertThat(got).isEqualTo(raw.length);

            int[] argb = new int[w * h];
            byte[] prev = new byte[rowBytes];
            byte[] cur = new byte[rowBytes];
            for (int y = 0; y < h; y++) {
                int base = y * (rowBytes + 1);
                int filter = raw[base];
                for (int i = 0; i < rowBytes; i++) {
                    int a = i >= bpp ? cur[i - bpp] & 0xFF : 0;
                    int b = prev[i] & 0xFF;
                    int c = i >= bpp ? prev[i - bpp] & 0xFF : 0;
                    int p = switch (filter) {
                        case 0 -> 0;
                        case 1 -> a;
                        case 2 -> b;
                        case 3 -> (a + b) / 2;
                        case 4 -> {
                            int e = a + b - c;
                            int pa = Math.abs(e - a);
                            int pb = Math.abs(e - b);
                            int pc = Math.abs(e - c);
                            yield pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
                        }
                        default -> throw new AssertionError("filter " + filter);
                    };
                    cur[i] = (byte) (raw[base + 1 + i] + p);
                }
                for (int x = 0; x < w; x++) {
                    int o = x * bpp;
                    int alpha = bpp == 4 ? cur[o + 3] & 0xFF : 0xFF;
                    argb[y * w + x] = alpha << 24 | (cur[o] & 0xFF) << 16 | (cur[o + 1] & 0xFF) << 8 | (cur[o + 2] & 0xFF);
                }
                byte[] t = prev;
                prev = cur;
                cur = t;
            }
            return argb;
        }
    }

    @Test
    void everyFilterTypeIsUndoneByTheSpecificationsInverse() {
        java.util.Random random = new java.util.Random(7);
        for (int bpp : new int[] {3, 4}) {
            byte[] prev = new byte[7 * bpp + 1];
            byte[] cur = new byte[prev.length];
            random.nextBytes(prev);
            random.nextBytes(cur);
            for (int filter = 0; filter <= 4; filter++) {
                byte[] out = new byte[cur.length + 3];
                PngEncoder.applyFilter(filter, cur, prev, bpp, out, 2);
                assertThat(out[2]).isEqualTo((byte) filter);
                byte[] undone = new byte[cur.length];
                for (int i = 0; i < cur.length; i++) {
                    int a = i >= bpp ? undone[i - bpp] & 0xFF : 0;
                    int b = prev[i] & 0xFF;
                    int c = i >= bpp ? prev[i - bpp] & 0xFF : 0;
                    int p = a + b - c;
                    int paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a
                            : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
                    int predicted = new int[] {0, a, b, (a + b) / 2, paeth}[filter];
                    undone[i] = (byte) (out[3 + i] + predicted);
                }
                assertThat(undone).as("filter %d, %d bytes per pixel", filter, bpp).isEqualTo(cur);
            }
        }
    }

    @Test
    void flatAndNoisyStripesOfOneImageBothRoundTrip() throws Exception {
        // Top: flat bands (string matching); bottom: noise (Huffman coding alone). 1500 rows of 4.5 KB
        // at ~1 MB per stripe: several stripes of each kind in one zlib stream.
        BufferedImage img = new BufferedImage(1500, 1500, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(3);
        for (int y = 0; y < 1500; y++) {
            for (int x = 0; x < 1500; x++) {
                img.setRGB(x, y, y < 750 ? (x / 100) * 0x101010 : random.nextInt(1 << 24));
            }
        }
        byte[] flatRows = new byte[4501 * 10];
        byte[] noisyRows = new byte[4501 * 10];
        random.nextBytes(noisyRows);
        assertThat(PngEncoder.mostlyNoise(flatRows)).isFalse();
        assertThat(PngEncoder.mostlyNoise(noisyRows)).isTrue();
        assertRoundTripAs(img, 2);
    }
}
