package io.gatefill.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatefill.core.raster.GrayRaster;
import io.gatefill.testing.TestImages;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading, writing and refusing image files, with real files on disk. */
class ImageFilesTest {
    @TempDir
    Path dir;

    private static BufferedImage gradient(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, 0xFF000000 | (x * 255 / w) << 16 | (y * 255 / h) << 8 | 0x40);
            }
        }
        return img;
    }

    @Test
    void pngRoundTripIsLosslessAndKeepsAlpha() throws Exception {
        BufferedImage img = gradient(37, 21);
        img.setRGB(3, 4, 0x80FF0000);
        Path file = dir.resolve("a.png");
        ImageFiles.save(img, file, SaveOptions.png(), ImageMetadata.NONE);
        LoadedImage loaded = ImageFiles.load(file, ImageFiles.DEFAULT_MAX_PIXELS);
        assertThat(loaded.formatName()).isEqualTo("png");
        assertThat(loaded.image().getRGB(0, 0, 37, 21, null, 0, 37)).isEqualTo(img.getRGB(0, 0, 37, 21, null, 0, 37));
        assertThat(ImageFiles.probe(file)).isEqualTo(new ImageInfo(37, 21, "png"));
    }

    @Test
    void exifOrientationIsAppliedAndResetAndExifIccAreCarriedToExports() throws Exception {
        BufferedImage img = gradient(40, 20);
        byte[] exif = tiffWithOrientation(6);
        byte[] icc = java.awt.color.ICC_Profile.getInstance(java.awt.color.ColorSpace.CS_sRGB).getData();
        Path file = dir.resolve("rotated.jpg");
        ImageFiles.save(img, file, new SaveOptions(SaveOptions.Format.JPEG, 0.95f, false),
                new ImageMetadata(exif, icc, "jpeg"));

        LoadedImage loaded = ImageFiles.load(file, ImageFiles.DEFAULT_MAX_PIXELS);
        assertThat(loaded.image().getWidth()).isEqualTo(20);
        assertThat(loaded.image().getHeight()).isEqualTo(40);
        // Orientation 6 = rotate 90 degrees clockwise: the stored bottom-left ends up top-left.
        int expectedRed = (img.getRGB(0, 19) >> 16) & 0xFF;
        assertThat((loaded.image().getRGB(0, 0) >> 16) & 0xFF).isCloseTo(expectedRed, org.assertj.core.data.Offset.offset(12));
        assertThat(loaded.metadata().hasIccProfile()).isTrue();
        assertThat(loaded.metadata().iccProfile()).isEqualTo(icc);
        assertThat(orientationOf(loaded.metadata().exif())).isEqualTo(1);

        Path png = dir.resolve("export.png");
        ImageFiles.save(loaded.image(), png, SaveOptions.png(), loaded.metadata());
        LoadedImage again = ImageFiles.load(png, ImageFiles.DEFAULT_MAX_PIXELS);
        assertThat(again.metadata().iccProfile()).isEqualTo(icc);
        assertThat(again.metadata().exif()).isEqualTo(loaded.metadata().exif());
        assertThat(again.image().getWidth()).isEqualTo(20);
    }

    @Test
    void neverOverwritesWithoutPermissionAndLeavesNoTemporaryFiles() throws Exception {
        Path file = dir.resolve("keep.png");
        ImageFiles.save(gradient(8, 8), file, SaveOptions.png(), ImageMetadata.NONE);
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> ImageFiles.save(gradient(9, 9), file, SaveOptions.png(), ImageMetadata.NONE))
                .isInstanceOf(ImageFileException.class).hasMessageContaining("already exists");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        ImageFiles.save(gradient(9, 9), file, SaveOptions.png().withOverwrite(true), ImageMetadata.NONE);
        assertThat(ImageFiles.probe(file).width()).isEqualTo(9);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("keep.png");
        }
    }

    @Test
    void readOnlyFolderGivesASpecificMessage() throws Exception {
        Path ro = Files.createDirectory(dir.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            // Root ignores permission bits; the check only means something for ordinary users.
            if (!Files.isWritable(ro)) {
                assertThatThrownBy(() -> ImageFiles.save(gradient(4, 4), ro.resolve("x.png"), SaveOptions.png(), ImageMetadata.NONE))
                        .isInstanceOf(ImageFileException.class).hasMessageContaining("read-only");
            } else {
                assertThat(AtomicFiles.describeWriteFailure(ro.resolve("x.png"),
                        new java.io.IOException("No space left on device"))).contains("disk is full");
            }
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void badFilesGetSpecificMessages() throws Exception {
        Path empty = Files.write(dir.resolve("empty.png"), new byte[0]);
        assertThatThrownBy(() -> ImageFiles.load(empty, ImageFiles.DEFAULT_MAX_PIXELS)).hasMessageContaining("empty (0 bytes)");

        Path text = Files.writeString(dir.resolve("notes.png"), "this is not an image at all");
        assertThatThrownBy(() -> ImageFiles.load(text, ImageFiles.DEFAULT_MAX_PIXELS)).hasMessageContaining("supported format");

        Path good = dir.resolve("good.jpg");
        ImageFiles.save(gradient(200, 150), good, new SaveOptions(SaveOptions.Format.JPEG, 0.9f, false), ImageMetadata.NONE);
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = Files.write(dir.resolve("truncated.jpg"), Arrays.copyOf(bytes, bytes.length / 3));
        assertThatThrownBy(() -> ImageFiles.load(truncated, ImageFiles.DEFAULT_MAX_PIXELS))
                .isInstanceOf(ImageFileException.class).hasMessageContaining("truncated");

        Path huge = TestImages.hugeHeaderPng(dir);
        assertThat(ImageFiles.probe(huge).pixels()).isEqualTo(10_000_000_000L);
        assertThatThrownBy(() -> ImageFiles.load(huge, ImageFiles.DEFAULT_MAX_PIXELS))
                .hasMessageContaining("100000x100000").hasMessageContaining("above the limit");

        assertThatThrownBy(() -> ImageFiles.load(dir.resolve("missing.png"), 10)).hasMessageContaining("does not exist");
    }

    @Test
    void masksReadWhiteAsHoleAndRefuseTheWrongSize() throws Exception {
        GrayRaster mask = new GrayRaster(30, 20);
        mask.set(5, 6, 255);
        mask.set(29, 19, 255);
        Path file = dir.resolve("mask.png");
        MaskFiles.write(mask, file, false);
        assertThat(MaskFiles.read(file, 30, 20)).isEqualTo(mask);
        assertThatThrownBy(() -> MaskFiles.read(file, 31, 20))
                .hasMessageContaining("30x20").hasMessageContaining("31x20");
        GrayRaster doubled = MaskFiles.resizeNearest(mask, 60, 40);
        assertThat(doubled.count()).isEqualTo(8);
        assertThat(doubled.isOn(10, 12)).isTrue();
    }

    static byte[] tiffWithOrientation(int orientation) {
        ByteBuffer b = ByteBuffer.allocate(26).order(ByteOrder.BIG_ENDIAN);
        b.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        b.putShort((short) 1);
        b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        b.putInt(0);
        return b.array();
    }

    private static int orientationOf(byte[] exif) {
        return ByteBuffer.wrap(exif).order(ByteOrder.BIG_ENDIAN).getShort(8 + 2 + 8);
    }
}
