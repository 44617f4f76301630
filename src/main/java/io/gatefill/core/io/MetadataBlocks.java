package io.gatefill.core.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Moves EXIF and ICC blocks between files at the byte level (JPEG APP1/APP2 segments, PNG eXIf/iCCP
 * chunks), so exports carry them without a metadata round trip through ImageIO's DOM trees.
 */
final class MetadataBlocks {
    private static final byte[] EXIF_HEADER = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] ICC_HEADER = "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final int JPEG_SEGMENT_MAX = 65533;
    private static final int ORIENTATION_TAG = 0x0112;

    private MetadataBlocks() {
    }

    static byte[] readExif(byte[] file, String format) {
        if ("jpeg".equals(format)) {
            for (Segment s : jpegSegments(file)) {
                if (s.marker == 0xE1 && startsWith(file, s.start, EXIF_HEADER)) {
                    return Arrays.copyOfRange(file, s.start + EXIF_HEADER.length, s.end);
                }
            }
        } else if ("png".equals(format)) {
            return pngChunk(file, "eXIf");
        }
        return null;
    }

    static byte[] readIcc(byte[] file, String format) {
        if ("jpeg".equals(format)) {
            // A profile may span several APP2 chunks, numbered from 1, in order.
            ByteArrayOutputStream icc = new ByteArrayOutputStream();
            for (Segment s : jpegSegments(file)) {
                if (s.marker == 0xE2 && startsWith(file, s.start, ICC_HEADER)) {
                    int payload = s.start + ICC_HEADER.length + 2;
                    icc.write(file, payload, s.end - payload);
                }
            }
            return icc.size() == 0 ? null : icc.toByteArray();
        } else if ("png".equals(format)) {
            byte[] chunk = pngChunk(file, "iCCP");
            if (chunk == null) {
                return null;
            }
            int nul = 0;
            while (nul < chunk.length && chunk[nul] != 0) {
                nul++;
            }
            return inflate(Arrays.copyOfRange(chunk, nul + 2, chunk.length));
        }
        return null;
    }

    /** Returns a copy of a TIFF-structured EXIF block whose IFD0 orientation says "upright". */
    static byte[] withOrientationReset(byte[] exif) {
        byte[] copy = exif.clone();
        try {
            ByteBuffer b = ByteBuffer.wrap(copy);
            b.order(copy[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            int ifd = b.getInt(4);
            int count = b.getShort(ifd) & 0xFFFF;
            for (int i = 0; i < count; i++) {
                int entry = ifd + 2 + 12 * i;
                if ((b.getShort(entry) & 0xFFFF) == ORIENTATION_TAG) {
                    b.putShort(entry + 8, (short) 1);
                }
            }
        } catch (RuntimeException e) {
            return exif;
        }
        return copy;
    }

    static byte[] insertIntoJpeg(byte[] jpeg, byte[] exif, byte[] icc) {
        if ((exif == null || exif.length == 0) && (icc == null || icc.length == 0)) {
            return jpeg;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + 1024);
        out.write(jpeg, 0, 2);
        int insertAt = 2;
        // Keep the encoder's JFIF APP0 first, as readers expect.
        if ((jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) {
            int len = ((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF);
            insertAt = 4 + len;
            out.write(jpeg, 2, insertAt - 2);
        }
        if (exif != null && exif.length > 0 && exif.length + EXIF_HEADER.length <= JPEG_SEGMENT_MAX) {
            writeSegment(out, 0xE1, concat(EXIF_HEADER, exif));
        }
        if (icc != null && icc.length > 0) {
            int chunkSize = JPEG_SEGMENT_MAX - ICC_HEADER.length - 2;
            int chunks = (icc.length + chunkSize - 1) / chunkSize;
            for (int i = 0; i < chunks; i++) {
                int from = i * chunkSize;
                byte[] part = Arrays.copyOfRange(icc, from, Math.min(icc.length, from + chunkSize));
                byte[] payload = concat(ICC_HEADER, new byte[] {(byte) (i + 1), (byte) chunks}, part);
                writeSegment(out, 0xE2, payload);
            }
        }
        out.write(jpeg, insertAt, jpeg.length - insertAt);
        return out.toByteArray();
    }

    static byte[] insertIntoPng(byte[] png, byte[] exif, byte[] icc) {
        if ((exif == null || exif.length == 0) && (icc == null || icc.length == 0)) {
            return png;
        }
        int afterHeader = 8 + 8 + 13 + 4;
        ByteArrayOutputStream out = new ByteArrayOutputStream(png.length + 1024);
        out.write(png, 0, afterHeader);
        if (icc != null && icc.length > 0) {
            byte[] name = "ICC profile\0".getBytes(StandardCharsets.ISO_8859_1);
            writeChunk(out, "iCCP", concat(name, new byte[] {0}, deflate(icc)));
        }
        if (exif != null && exif.length > 0) {
            writeChunk(out, "eXIf", exif);
        }
        out.write(png, afterHeader, png.length - afterHeader);
        return out.toByteArray();
    }

    private record Segment(int marker, int start, int end) {
    }

    /** The header segments of a JPEG up to the start of scan: marker and payload bounds. */
    private static java.util.List<Segment> jpegSegments(byte[] f) {
        java.util.List<Segment> list = new java.util.ArrayList<>();
        int i = 2;
        while (i + 4 <= f.length && (f[i] & 0xFF) == 0xFF) {
            int marker = f[i + 1] & 0xFF;
            if (marker == 0xDA || marker == 0xD9) {
                break;
            }
            int len = ((f[i + 2] & 0xFF) << 8) | (f[i + 3] & 0xFF);
            if (len < 2 || i + 2 + len > f.length) {
                break;
            }
            list.add(new Segment(marker, i + 4, i + 2 + len));
            i += 2 + len;
        }
        return list;
    }

    private static byte[] pngChunk(byte[] f, String type) {
        int i = 8;
        while (i + 12 <= f.length) {
            int len = ByteBuffer.wrap(f, i, 4).getInt();
            String t = new String(f, i + 4, 4, StandardCharsets.ISO_8859_1);
            if (len < 0 || i + 12 + len > f.length) {
                return null;
            }
            if (t.equals(type)) {
                return Arrays.copyOfRange(f, i + 8, i + 8 + len);
            }
            if (t.equals("IDAT") || t.equals("IEND")) {
                return null;
            }
            i += 12 + len;
        }
        return null;
    }

    private static void writeSegment(ByteArrayOutputStream out, int marker, byte[] payload) {
        int len = payload.length + 2;
        out.write(0xFF);
        out.write(marker);
        out.write(len >> 8);
        out.write(len & 0xFF);
        out.write(payload, 0, payload.length);
    }

    private static void writeChunk(ByteArrayOutputStream out, String type, byte[] data) {
        writeChunk(out, type, data, 0, data.length);
    }

    /** Writes one PNG chunk (length, type, data, CRC) of {@code length} bytes of {@code data} from {@code offset}. */
    static void writeChunk(ByteArrayOutputStream out, String type, byte[] data, int offset, int length) {
        byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
        out.write(ByteBuffer.allocate(4).putInt(length).array(), 0, 4);
        out.write(typeBytes, 0, 4);
        out.write(data, offset, length);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data, offset, length);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array(), 0, 4);
    }

    private static boolean startsWith(byte[] f, int at, byte[] prefix) {
        return at + prefix.length <= f.length && Arrays.equals(f, at, at + prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p, 0, p.length);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] data) {
        Deflater d = new Deflater();
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    private static byte[] inflate(byte[] data) {
        Inflater inf = new Inflater();
        inf.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    break;
                }
                out.write(buf, 0, n);
            }
        } catch (DataFormatException e) {
            return null;
        } finally {
            inf.end();
        }
        return out.toByteArray();
    }
}
