package io.gatefill.core.project;

import io.gatefill.core.raster.GrayRaster;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * PNG encoding of the layers inside a project zip: 8-bit grey for mask and sketch, ARGB for images,
 * with a fast deflate level because a 24-megapixel autosave must not take half a minute.
 */
final class PngCodec {
    private PngCodec() {
    }

    static void writeImage(BufferedImage image, OutputStream out) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(new NonClosing(out))) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (param.canWriteCompressed()) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(0.75f); // JDK's PNG writer: higher quality = faster, lighter deflate
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    static void writeGray(GrayRaster raster, OutputStream out) throws IOException {
        BufferedImage gray = new BufferedImage(raster.width(), raster.height(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] target = ((DataBufferByte) gray.getRaster().getDataBuffer()).getData();
        System.arraycopy(raster.data(), 0, target, 0, target.length);
        writeImage(gray, out);
    }

    static BufferedImage readImage(InputStream in, String what) throws IOException {
        BufferedImage image = ImageIO.read(new NonClosingIn(in));
        if (image == null) {
            throw new IOException(what + " is not a readable PNG");
        }
        return image;
    }

    static GrayRaster readGray(InputStream in, int width, int height, String what) throws IOException {
        BufferedImage image = readImage(in, what);
        if (image.getWidth() != width || image.getHeight() != height) {
            throw new IOException(what + " is " + image.getWidth() + "x" + image.getHeight()
                    + " but the image is " + width + "x" + height);
        }
        GrayRaster raster = new GrayRaster(width, height);
        byte[] data = raster.data();
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            byte[] source = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            System.arraycopy(source, 0, data, 0, data.length);
        } else {
            var r = image.getRaster();
            int[] row = new int[width];
            for (int y = 0; y < height; y++) {
                r.getSamples(0, y, width, 1, 0, row);
                for (int x = 0; x < width; x++) {
                    data[y * width + x] = (byte) row[x];
                }
            }
        }
        return raster;
    }

    /** ImageIO closes the stream it was given; a zip entry stream must stay open. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    private static final class NonClosingIn extends java.io.FilterInputStream {
        NonClosingIn(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the zip stream is closed by its owner
        }
    }
}
