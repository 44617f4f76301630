package io.gatefill.core.io;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Fast path for the PNGs photos usually are: 8-bit RGB or RGBA, not interlaced, no transparent colour
 * key. Inflates the IDAT stream once and undoes each row's filter straight into a TYPE_INT_ARGB
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
            return decodeOrThrow(file);
        } catch (RuntimeException | DataFormatException e) {
            return null;
        }
    }

    private static BufferedImage decodeOrThrow(byte[] file) throws DataFormatException {
        if (file.length < 8 + 25 || !ByteBuffer.wrap(file, 0, 8).equals(ByteBuffer.wrap(SIGNATURE))) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(file);
        in.position(8);
        int width = 0;
        int height = 0;
        int bpp = 0;
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
                        if (depth != 8 || (colour != 2 && colour != 6) || !plain || width <= 0 || height <= 0
                                || (long) width * height > Integer.MAX_VALUE / 4) {
                            return null;
                        }
                        bpp = colour == 6 ? 4 : 3;
                        raw = new byte[Math.multiplyExact(height, width * bpp + 1)];
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
                        return unfilter(raw, width, height, bpp);
                    }
                    default -> {
                        // ancillary chunks (eXIf, iCCP, gAMA, text...) are read elsewhere or not at all
                    }
                }
                in.position(data + length + 4);
            }
            return null;
        } finally {
            inflater.end();
        }
    }

    private static BufferedImage unfilter(byte[] raw, int width, int height, int bpp) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        int[] px = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        int rowBytes = width * bpp;
        // Rows are undone in place: the previous row's bytes are already raw when the next one needs them.
        for (int y = 0; y < height; y++) {
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
            int o = y * width;
            if (bpp == 4) {
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
}
