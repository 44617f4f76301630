package io.gatefill.core.io;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.zip.Adler32;
import java.util.zip.Deflater;

/**
 * Lossless 8-bit PNG encoder for TYPE_INT_ARGB and TYPE_INT_RGB photos, written for speed on large
 * images: the rows are cut into stripes of about a megabyte that are filtered and deflated in parallel,
 * each into its own IDAT chunk, and the stripes' Adler-32 sums are combined into the one zlib trailer.
 *
 * <p>Each row gets the filter (None, Sub, Up, Average, Paeth) whose output has the smallest sum of
 * absolute values, the PNG specification's recommended heuristic, scored on a sample of the row. A stripe ends with a sync flush, so
 * the raw deflate streams concatenate into one valid stream; a stripe starts with an empty window,
 * which costs a fraction of a percent in size at a megabyte per stripe. An image whose alpha is 255
 * everywhere is written as RGB (colour type 2), otherwise as RGBA (type 6): decoding gives the same
 * ARGB values either way.
 */
final class PngEncoder {
    /**
     * zlib level 1-9. Measured on a 24 MP photo (docs/bench/inpaint.md): level 1 is 4x faster than
     * level 6 for 6 % more bytes once rows are filtered, and still 22 % smaller than ImageIO's RGBA file.
     */
    static final int DEFAULT_LEVEL = 1;

    /** Raw bytes per stripe (before filtering); small enough to balance two to sixteen cores. */
    private static final int STRIPE_BYTES = 1 << 20;

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int ADLER_BASE = 65521;

    private PngEncoder() {
    }

    /** Whether {@link #encode} takes this image; other types go to ImageIO. */
    static boolean supports(BufferedImage image) {
        int type = image.getType();
        return (type == BufferedImage.TYPE_INT_ARGB || type == BufferedImage.TYPE_INT_RGB)
                && image.getRaster().getSampleModel() instanceof SinglePixelPackedSampleModel
                && image.getRaster().getDataBuffer() instanceof DataBufferInt;
    }

    /** Encodes with {@link #DEFAULT_LEVEL}. */
    static byte[] encode(BufferedImage image) {
        return encode(image, DEFAULT_LEVEL, true);
    }

    /**
     * Encodes a supported image (see {@link #supports}) at zlib {@code level}; {@code parallel} false
     * runs the same stripes on the calling thread (same bytes, for tests and for measuring the gain).
     */
    static byte[] encode(BufferedImage image, int level, boolean parallel) {
        if (!supports(image)) {
            throw new IllegalArgumentException("PngEncoder takes TYPE_INT_ARGB or TYPE_INT_RGB, not type " + image.getType());
        }
        if (level < 1 || level > 9) {
            throw new IllegalArgumentException("zlib level must be 1-9, not " + level);
        }
        Pixels px = Pixels.of(image);
        int bpp = image.getType() == BufferedImage.TYPE_INT_ARGB && px.hasTranslucency() ? 4 : 3;
        int rowBytes = px.width * bpp;
        int rowsPerStripe = Math.max(1, STRIPE_BYTES / rowBytes);
        int stripes = (px.height + rowsPerStripe - 1) / rowsPerStripe;
        Stripe[] done = new Stripe[stripes];
        IntStream indices = IntStream.range(0, stripes);
        (parallel ? indices.parallel() : indices).forEach(s -> {
            int y0 = s * rowsPerStripe;
            done[s] = compress(px, bpp, y0, Math.min(px.height, y0 + rowsPerStripe), level, s == stripes - 1);
        });

        long adler = 1;
        long total = SIGNATURE.length + 25 + 12 + 6 + 12;
        for (Stripe stripe : done) {
            adler = combineAdler(adler, stripe.adler, stripe.rawLength);
            total += stripe.length + 12;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, total));
        out.write(SIGNATURE, 0, SIGNATURE.length);
        byte[] header = ByteBuffer.allocate(13).putInt(px.width).putInt(px.height)
                .put((byte) 8).put((byte) (bpp == 4 ? 6 : 2)).put((byte) 0).put((byte) 0).put((byte) 0).array();
        MetadataBlocks.writeChunk(out, "IHDR", header, 0, header.length);
        MetadataBlocks.writeChunk(out, "IDAT", zlibHeader(level), 0, 2);
        for (Stripe stripe : done) {
            MetadataBlocks.writeChunk(out, "IDAT", stripe.data, 0, stripe.length);
        }
        byte[] trailer = ByteBuffer.allocate(4).putInt((int) adler).array();
        MetadataBlocks.writeChunk(out, "IDAT", trailer, 0, 4);
        MetadataBlocks.writeChunk(out, "IEND", new byte[0], 0, 0);
        return out.toByteArray();
    }

    /** One stripe's raw deflate output and the Adler-32 of its filtered bytes. */
    private record Stripe(byte[] data, int length, long adler, long rawLength) {
    }

    /** The image's ints with the layout of its raster, read in place without a copy. */
    private record Pixels(int[] data, int offset, int stride, int width, int height, boolean opaqueType) {
        static Pixels of(BufferedImage image) {
            Raster r = image.getRaster();
            SinglePixelPackedSampleModel sm = (SinglePixelPackedSampleModel) r.getSampleModel();
            DataBufferInt buffer = (DataBufferInt) r.getDataBuffer();
            int offset = buffer.getOffset() - r.getSampleModelTranslateY() * sm.getScanlineStride()
                    - r.getSampleModelTranslateX();
            return new Pixels(buffer.getData(), offset, sm.getScanlineStride(), image.getWidth(), image.getHeight(),
                    image.getType() == BufferedImage.TYPE_INT_RGB);
        }

        boolean hasTranslucency() {
            for (int y = 0; y < height; y++) {
                int i = offset + y * stride;
                for (int end = i + width; i < end; i++) {
                    if ((data[i] >>> 24) != 0xFF) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** Row y as PNG samples (R, G, B[, A]) into {@code row}. */
        void row(int y, int bpp, byte[] row) {
            int i = offset + y * stride;
            int o = 0;
            for (int x = 0; x < width; x++) {
                int p = data[i + x];
                row[o] = (byte) (p >>> 16);
                row[o + 1] = (byte) (p >>> 8);
                row[o + 2] = (byte) p;
                if (bpp == 4) {
                    row[o + 3] = (byte) (p >>> 24);
                }
                o += bpp;
            }
        }
    }

    private static Stripe compress(Pixels px, int bpp, int y0, int y1, int level, boolean last) {
        int rowBytes = px.width * bpp;
        byte[] prev = new byte[rowBytes];
        byte[] cur = new byte[rowBytes];
        if (y0 > 0) {
            px.row(y0 - 1, bpp, prev);
        }
        byte[] filtered = new byte[(y1 - y0) * (rowBytes + 1)];
        int at = 0;
        for (int y = y0; y < y1; y++) {
            px.row(y, bpp, cur);
            filterRow(cur, prev, bpp, filtered, at);
            at += rowBytes + 1;
            byte[] t = prev;
            prev = cur;
            cur = t;
        }
        Adler32 adler = new Adler32();
        adler.update(filtered);

        Deflater deflater = new Deflater(level, true);
        try {
            if (mostlyNoise(filtered)) {
                // A photo's residuals after filtering are noise: string matches are few and short, and
                // Huffman coding alone gave a 24 MP photo in 0.69x the time and 0.83x the bytes of
                // level 1's matching. Flat graphics and screenshots keep the matching (16x smaller).
                deflater.setStrategy(Deflater.HUFFMAN_ONLY);
            }
            deflater.setInput(filtered);
            if (last) {
                deflater.finish();
            }
            byte[] out = new byte[filtered.length / 2 + 1024];
            int length = 0;
            while (true) {
                if (length == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                int space = out.length - length;
                int n = deflater.deflate(out, length, space, last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH);
                length += n;
                // Done when finished (last stripe), or when a sync flush left room unused with all input
                // taken: then all of it is out.
                if (last ? deflater.finished() : n < space && deflater.needsInput()) {
                    break;
                }
            }
            return new Stripe(out, length, adler.getValue(), filtered.length);
        } finally {
            deflater.end();
        }
    }

    /**
     * Whether filtered bytes look like a photo's noise rather than flat areas: fewer than a third of
     * them are zero (a screenshot's are mostly zero, a photo's about a tenth).
     */
    static boolean mostlyNoise(byte[] filtered) {
        int zeros = 0;
        for (byte b : filtered) {
            if (b == 0) {
                zeros++;
            }
        }
        return zeros < filtered.length / 3;
    }

    /**
     * Writes filter byte and filtered row at {@code out[at]}: the filter with the smallest sum of the
     * output bytes taken as signed magnitudes (the PNG specification's heuristic), scored on one
     * {@link #SCORED_BYTES}-byte block of every {@link #SCORE_STRIDE}. Scoring every byte took more
     * time than the deflate at level 1; the sample picks the same filter for most rows of a photo, whose
     * statistics hardly change along a row.
     */
    static void filterRow(byte[] cur, byte[] prev, int bpp, byte[] out, int at) {
        int n = cur.length;
        long sNone = 0;
        long sSub = 0;
        long sUp = 0;
        long sAvg = 0;
        long sPaeth = 0;
        for (int start = 0; start < n; start += SCORE_STRIDE) {
            for (int i = start, end = Math.min(n, start + SCORED_BYTES); i < end; i++) {
                int x = cur[i] & 0xFF;
                int b = prev[i] & 0xFF;
                int a = i >= bpp ? cur[i - bpp] & 0xFF : 0;
                int c = i >= bpp ? prev[i - bpp] & 0xFF : 0;
                sNone += Math.abs((byte) x);
                sSub += Math.abs((byte) (x - a));
                sUp += Math.abs((byte) (x - b));
                sAvg += Math.abs((byte) (x - ((a + b) >>> 1)));
                sPaeth += Math.abs((byte) (x - paeth(a, b, c)));
            }
        }
        int filter = 0;
        long best = sNone;
        if (sSub < best) { filter = 1; best = sSub; }
        if (sUp < best) { filter = 2; best = sUp; }
        if (sAvg < best) { filter = 3; best = sAvg; }
        if (sPaeth < best) { filter = 4; }
        applyFilter(filter, cur, prev, bpp, out, at);
    }

    /** Bytes scored per block, a multiple of 3 and 4 so that every block starts on a pixel. */
    private static final int SCORED_BYTES = 96;
    /** One block scored per this many bytes of a row. */
    private static final int SCORE_STRIDE = 8 * SCORED_BYTES;

    /** Filter type byte and row filtered with it at {@code out[at]}; one plain loop per type. */
    static void applyFilter(int filter, byte[] cur, byte[] prev, int bpp, byte[] out, int at) {
        int n = cur.length;
        out[at++] = (byte) filter;
        int head = Math.min(bpp, n);
        switch (filter) {
            case 0 -> System.arraycopy(cur, 0, out, at, n);
            case 1 -> {
                System.arraycopy(cur, 0, out, at, head);
                for (int i = bpp; i < n; i++) {
                    out[at + i] = (byte) (cur[i] - cur[i - bpp]);
                }
            }
            case 2 -> {
                for (int i = 0; i < n; i++) {
                    out[at + i] = (byte) (cur[i] - prev[i]);
                }
            }
            case 3 -> {
                for (int i = 0; i < head; i++) {
                    out[at + i] = (byte) (cur[i] - ((prev[i] & 0xFF) >>> 1));
                }
                for (int i = bpp; i < n; i++) {
                    out[at + i] = (byte) (cur[i] - (((cur[i - bpp] & 0xFF) + (prev[i] & 0xFF)) >>> 1));
                }
            }
            case 4 -> {
                for (int i = 0; i < head; i++) {
                    out[at + i] = (byte) (cur[i] - prev[i]); // Paeth with a = c = 0 predicts b
                }
                for (int i = bpp; i < n; i++) {
                    out[at + i] = (byte) (cur[i] - paeth(cur[i - bpp] & 0xFF, prev[i] & 0xFF, prev[i - bpp] & 0xFF));
                }
            }
            default -> throw new IllegalArgumentException("PNG filter type " + filter);
        }
    }

    static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        if (pa <= pb && pa <= pc) {
            return a;
        }
        return pb <= pc ? b : c;
    }

    /** zlib header: deflate with a 32 KB window, no dictionary, FLEVEL from the level, FCHECK to make it a multiple of 31. */
    private static byte[] zlibHeader(int level) {
        int cmf = 0x78;
        int flevel = level == 1 ? 0 : level < 6 ? 1 : level == 6 ? 2 : 3;
        int flg = flevel << 6;
        flg += 31 - ((cmf << 8) + flg) % 31;
        return new byte[] {(byte) cmf, (byte) flg};
    }

    /**
     * The Adler-32 of A followed by B from the sums of each and B's length: the low sum adds up, and
     * the high sum gains A's low sum (less the initial 1) once per byte of B.
     */
    static long combineAdler(long adlerA, long adlerB, long lengthB) {
        long lowA = adlerA & 0xFFFF;
        long highA = adlerA >>> 16;
        long lowB = adlerB & 0xFFFF;
        long highB = adlerB >>> 16;
        long n = lengthB % ADLER_BASE;
        long low = (lowA + lowB + ADLER_BASE - 1) % ADLER_BASE;
        long high = (highA + highB + n * ((lowA + ADLER_BASE - 1) % ADLER_BASE)) % ADLER_BASE;
        return (high << 16) | low;
    }
}
