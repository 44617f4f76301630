package io.gatefill.core.io;

import io.gatefill.core.raster.GrayRaster;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Fast path for the PNGs photos and masks usually are: 8-bit RGB or RGBA (masks also grey, grey + alpha),
 * not interlaced, no transparent colour key. Inflates the IDAT stream once and undoes each row's filter straight into a TYPE_INT_ARGB
 * image, without ImageIO's intermediate raster and copy. Returns null for anything else and for any
 * damage (a bad CRC, a short stream), so that ImageIO decodes those with its own checks and messages.
 */
final class PngDecoder {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private PngDecoder() {
    }

    /** The decoded image, or null when this file is not one the fast path takes (ImageIO decodes it). */
    static BufferedImage decode(byte[] file) {
        try {
            Rows rows = inflate(file, false);
            return rows == null || rows.channels < 3 ? null : toArgb(rows);
        } catch (RuntimeException | DataFormatException e) {
            return null;
        }
    }

    /**
     * A mask or sketch file's brightness times opacity per pixel (the rule of {@link MaskFiles}), for
     * 8-bit grey, grey + alpha, RGB and RGBA files without an orientation tag; null for anything else.
     */
    static GrayRaster decodeMask(byte[] file) {
        try {
            Rows rows = inflate(file, true);
            return rows == null ? null : toMask(rows);
        } catch (RuntimeException | DataFormatException e) {
            return null;
        }
    }

    /** The filtered rows of a plain 8-bit PNG, each a filter byte and width * channels samples. */
    private record Rows(byte[] raw, int width, int height, int channels) {
    }

    /**
     * Inflates the IDAT stream of a plain 8-bit PNG (grey and grey + alpha only when {@code anyColour}),
     * or returns null. With {@code anyColour} a file with an eXIf chunk is also left to ImageIO's path,
     * which applies the orientation.
     */
    private static Rows inflate(byte[] file, boolean anyColour) throws DataFormatException {
        if (file.length < 8 + 25 || !ByteBuffer.wrap(file, 0, 8).equals(ByteBuffer.wrap(SIGNATURE))) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(file);
        in.position(8);
        int width = 0;
        int height = 0;
        int channels = 0;
        Inflater inflater = new Inflater();
        byte[] raw = null;
        int got = 0;
        byte[] spare = new byte[1];
        CRC32 crc = new CRC32();
        try {
            while (in.remaining() >= 12) {
                int length = in.getInt();
                int start = in.position();
                if (length < 0 || length > in.remaining() - 8) {
                    return null;
                }
                String type = new String(file, start, 4, StandardCharsets.ISO_8859_1);
                crc.reset();
                crc.update(file, start, 4 + length);
                if ((int) crc.getValue() != ByteBuffer.wrap(file, start + 4 + length, 4).getInt()) {
                    return null;
                }
                int data = start + 4;
                switch (type) {
                    case "IHDR" -> {
                        ByteBuffer h = ByteBuffer.wrap(file, data, 13);
                        width = h.getInt();
                        height = h.getInt();
                        int depth = h.get();
                        int colour = h.get();
                        boolean plain = h.get() == 0 && h.get() == 0 && h.get() == 0; // compression, filter, interlace
                        channels = switch (colour) {
                            case 0 -> anyColour ? 1 : 0;
                            case 4 -> anyColour ? 2 : 0;
                            case 2 -> 3;
                            case 6 -> 4;
                            default -> 0;
                        };
                        if (depth != 8 || channels == 0 || !plain || width <= 0 || height <= 0
                                || (long) width * height > Integer.MAX_VALUE / 4) {
                            return null;
                        }
                        raw = new byte[Math.multiplyExact(height, width * channels + 1)];
                    }
                    case "eXIf" -> {
                        if (anyColour) {
                            return null;
                        }
                    }
                    case "tRNS", "PLTE" -> {
                        return null; // a colour key or palette: ImageIO's business
                    }
                    case "IDAT" -> {
                        if (raw == null) {
                            return null;
                        }
                        inflater.setInput(file, data, length);
                        while (!inflater.needsInput() && !inflater.finished()) {
                            int n;
                            if (got < raw.length) {
                                n = inflater.inflate(raw, got, raw.length - got);
                                got += n;
                            } else if ((n = inflater.inflate(spare)) > 0) {
                                return null; // more pixels than the header's size: damaged
                            } // else the full image is out and the Adler-32 trailer was just read
                            if (n == 0 && !inflater.needsInput() && !inflater.finished()) {
                                return null; // stuck (a preset dictionary): not a plain PNG stream
                            }
                        }
                    }
                    case "IEND" -> {
                        if (raw == null || got != raw.length || !inflater.finished()) {
                            return null;
                        }
                        return new Rows(raw, width, height, channels);
                    }
                    default -> {
                        // ancillary chunks (iCCP, gAMA, text...) are read elsewhere or not at all
                    }
                }
                in.position(data + length + 4);
            }
            return null;
        } finally {
            inflater.end();
        }
    }

    private static BufferedImage toArgb(Rows rows) {
        int width = rows.width;
        BufferedImage image = new BufferedImage(width, rows.height, BufferedImage.TYPE_INT_ARGB);
        int[] px = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        byte[] raw = rows.raw;
        for (int y = 0; y < rows.height; y++) {
            int row = unfilterRow(rows, y);
            int o = y * width;
            if (rows.channels == 4) {
                for (int x = 0, i = row; x < width; x++, i += 4) {
                    px[o + x] = (raw[i + 3] & 0xFF) << 24 | (raw[i] & 0xFF) << 16 | (raw[i + 1] & 0xFF) << 8 | (raw[i + 2] & 0xFF);
                }
            } else {
                for (int x = 0, i = row; x < width; x++, i += 3) {
                    px[o + x] = 0xFF000000 | (raw[i] & 0xFF) << 16 | (raw[i + 1] & 0xFF) << 8 | (raw[i + 2] & 0xFF);
                }
            }
        }
        return image;
    }

    private static GrayRaster toMask(Rows rows) {
        int width = rows.width;
        int channels = rows.channels;
        byte[] out = new byte[width * rows.height];
        byte[] raw = rows.raw;
        for (int y = 0; y < rows.height; y++) {
            int row = unfilterRow(rows, y);
            int o = y * width;
            for (int x = 0, i = row; x < width; x++, i += channels) {
                int luma = channels < 3 ? raw[i] & 0xFF : MaskFiles.luma(raw[i] & 0xFF, raw[i + 1] & 0xFF, raw[i + 2] & 0xFF);
                int alpha = channels == 2 || channels == 4 ? raw[i + channels - 1] & 0xFF : 255;
                out[o + x] = (byte) MaskFiles.covered(luma, alpha);
            }
        }
        return new GrayRaster(width, rows.height, out);
    }

    /**
     * Undoes row y's filter in place and returns the offset of its first sample. Rows must be undone in
     * order: the previous row's bytes are already raw when the next one needs them.
     */
    private static int unfilterRow(Rows rows, int y) {
        byte[] raw = rows.raw;
        int bpp = rows.channels;
        int rowBytes = rows.width * bpp;
        int at = y * (rowBytes + 1);
        int filter = raw[at];
        int row = at + 1;
        int prev = row - (rowBytes + 1);
        boolean first = y == 0;
        switch (filter) {
            case 0 -> { }
            case 1 -> {
                for (int i = bpp; i < rowBytes; i++) {
                    raw[row + i] += raw[row + i - bpp];
                }
            }
            case 2 -> {
                if (!first) {
                    for (int i = 0; i < rowBytes; i++) {
                        raw[row + i] += raw[prev + i];
                    }
                }
            }
            case 3 -> {
                for (int i = 0; i < rowBytes; i++) {
                    int a = i >= bpp ? raw[row + i - bpp] & 0xFF : 0;
                    int b = first ? 0 : raw[prev + i] & 0xFF;
                    raw[row + i] += (byte) ((a + b) >>> 1);
                }
            }
            case 4 -> {
                for (int i = 0; i < rowBytes; i++) {
                    int a = i >= bpp ? raw[row + i - bpp] & 0xFF : 0;
                    int b = first ? 0 : raw[prev + i] & 0xFF;
                    int c = first || i < bpp ? 0 : raw[prev + i - bpp] & 0xFF;
                    raw[row + i] += (byte) PngEncoder.paeth(a, b, c);
                }
            }
            default -> throw new IllegalArgumentException("PNG filter type " + filter);
        }
        return row;
    }
}
