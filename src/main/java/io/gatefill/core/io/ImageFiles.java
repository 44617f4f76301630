package io.gatefill.core.io;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Reads and writes photos for the editor, the command line and batch: header checks before decoding,
 * EXIF orientation, EXIF/ICC carried to exports, atomic writes, and a specific message for each way
 * a file can be bad. Decoding goes through ImageIO with the TwelveMonkeys plugins on the classpath
 * (JPEG incl. CMYK, TIFF, WebP, BMP).
 */
public final class ImageFiles {
    /**
     * The one size limit for photos, masks and sketches alike, on the command line, in batch and as
     * the editor's default: a larger file is refused from its header, before any pixel is decoded.
     */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

    static {
        ImageIO.setUseCache(false);
        ImageIO.scanForPlugins();
    }

    private ImageFiles() {
    }

    /** Reads only the header: size and format. */
    public static ImageInfo probe(Path file) throws ImageFileException {
        checkReadable(file);
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = readerFor(file, in);
            try {
                reader.setInput(in, true, true);
                return new ImageInfo(reader.getWidth(0), reader.getHeight(0), formatOf(reader));
            } finally {
                reader.dispose();
            }
        } catch (ImageFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImageFileException(file.getFileName() + " is damaged: its header cannot be read ("
                    + e.getMessage() + ").", e);
        }
    }

    /** Decodes a photo into TYPE_INT_ARGB with its EXIF orientation applied, refusing more than maxPixels. */
    public static LoadedImage load(Path file, long maxPixels) throws ImageFileException {
        ImageInfo info = probe(file);
        if (info.width() <= 0 || info.height() <= 0) {
            throw new ImageFileException(file.getFileName() + " claims an empty size " + info.width() + "x" + info.height() + ".");
        }
        if (info.pixels() > maxPixels) {
            throw new ImageTooLargeException(String.format(Locale.ROOT,
                    "%s is %dx%d (%.1f megapixels), above the limit of %.1f megapixels. It was not opened.",
                    file.getFileName(), info.width(), info.height(), info.pixels() / 1e6, maxPixels / 1e6));
        }
        try {
            return decodeAll(file, info);
        } catch (OutOfMemoryError e) {
            throw NotEnoughMemoryException.forImage(file, info, e);
        }
    }

    /**
     * A PNG file decoded by {@code decoder} from its bytes, with the size limit and the refusals of
     * {@link #load}; null when the file is no PNG or the decoder does not take it (then {@link #load}
     * reads it).
     */
    static <T> T readPng(Path file, long maxPixels, Function<byte[], T> decoder) throws ImageFileException {
        ImageInfo info = probe(file);
        if (!info.formatName().equals("png") || info.width() <= 0 || info.height() <= 0 || info.pixels() > maxPixels) {
            return null;
        }
        try {
            byte[] bytes = readBytes(file);
            // An orientation to apply (in any chunk the metadata reader knows) is load's business.
            return exifOrientation(bytes) == 1 ? decoder.apply(bytes) : null;
        } catch (OutOfMemoryError e) {
            throw NotEnoughMemoryException.forImage(file, info, e);
        }
    }

    private static byte[] readBytes(Path file) throws ImageFileException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ImageFileException(file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static LoadedImage decodeAll(Path file, ImageInfo info) throws ImageFileException {
        // One read of the file serves the pixels, the metadata blocks and the orientation tag.
        byte[] bytes = readBytes(file);
        // The common photo PNG (8-bit RGB/RGBA) in one pass; anything else, or damage, through ImageIO.
        BufferedImage decoded = info.formatName().equals("png") ? PngDecoder.decode(bytes) : null;
        if (decoded == null) {
            decoded = decode(file, info, bytes);
        }
        int reducedFromBits = ArgbConversion.reducedFromBits(decoded);
        BufferedImage argb = ArgbConversion.toArgb(decoded);
        decoded = null; // let a large source go before the oriented copy is made
        byte[] exif = null;
        byte[] icc = null;
        try {
            exif = MetadataBlocks.readExif(bytes, info.formatName());
            icc = MetadataBlocks.readIcc(bytes, info.formatName());
        } catch (RuntimeException e) {
            // Metadata is a courtesy: a photo whose EXIF is damaged still opens, without it.
        }
        int orientation = exifOrientation(bytes);
        if (exif != null && orientation != 1) {
            exif = MetadataBlocks.withOrientationReset(exif);
        }
        return new LoadedImage(orient(argb, orientation), new ImageMetadata(exif, icc, info.formatName()),
                info.formatName(), reducedFromBits);
    }

    private static void checkReadable(Path file) throws ImageFileException {
        String problem = FileKinds.problem(file);
        if (problem != null) {
            throw new ImageFileException(problem);
        }
        try {
            if (Files.size(file) == 0) {
                throw new ImageFileException(file.getFileName() + " is empty (0 bytes).");
            }
        } catch (IOException e) {
            throw new ImageFileException(file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static ImageReader readerFor(Path file, ImageInputStream in) throws ImageFileException {
        if (in == null) {
            throw new ImageFileException(file + " cannot be opened.");
        }
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            throw new ImageFileException(file.getFileName()
                    + " is not an image in a supported format (PNG, JPEG, BMP, GIF, TIFF, WebP).");
        }
        return readers.next();
    }

    private static String formatOf(ImageReader reader) throws IOException {
        String name = reader.getFormatName().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "jpg", "jpeg", "jpeg-lossless" -> "jpeg";
            case "tif", "tiff" -> "tiff";
            default -> name;
        };
    }

    private static BufferedImage decode(Path file, ImageInfo info, byte[] bytes) throws ImageFileException {
        List<String> warnings = new ArrayList<>();
        try (ImageInputStream in = new ByteArrayImageInputStream(bytes)) {
            ImageReader reader = readerFor(file, in);
            try {
                reader.setInput(in, true, true);
                IIOReadWarningListener listener = (source, warning) -> warnings.add(warning);
                reader.addIIOReadWarningListener(listener);
                BufferedImage image = reader.read(0);
                for (String w : warnings) {
                    String lower = w.toLowerCase(Locale.ROOT);
                    if (lower.contains("premature") || lower.contains("truncat") || lower.contains("corrupt")) {
                        throw new ImageFileException(file.getFileName() + " is truncated or damaged (" + w + ").");
                    }
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (ImageFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Image readers wrap an OutOfMemoryError in an IIOException: that is no damage to the file.
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof OutOfMemoryError oom) {
                    throw NotEnoughMemoryException.forImage(file, info, oom);
                }
            }
            throw new ImageFileException(file.getFileName() + " is truncated or damaged and cannot be decoded ("
                    + e.getMessage() + ").", e);
        }
    }

    private static int exifOrientation(byte[] bytes) {
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            Metadata metadata = ImageMetadataReader.readMetadata(in);
            ExifIFD0Directory dir = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (dir != null && dir.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                int o = dir.getInt(ExifIFD0Directory.TAG_ORIENTATION);
                return o >= 1 && o <= 8 ? o : 1;
            }
        } catch (Exception e) {
            // No readable EXIF: the pixels are shown as stored.
        }
        return 1;
    }

    /** Applies an EXIF orientation (1..8) so the pixels stand upright. */
    static BufferedImage orient(BufferedImage src, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return src;
        }
        int w = src.getWidth();
        int h = src.getHeight();
        boolean swap = orientation >= 5;
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        int[] in = src.getRGB(0, 0, w, h, null, 0, w);
        int[] out = new int[ow * oh];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = h - 1 - x; }
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    default -> { sx = w - 1 - y; sy = x; }
                }
                out[y * ow + x] = in[sy * w + sx];
            }
        }
        BufferedImage result = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_ARGB);
        result.setRGB(0, 0, ow, oh, out, 0, ow);
        return result;
    }

    /** The format {@code save} will write for these options and this source format. */
    public static String outputFormat(SaveOptions options, ImageMetadata metadata) throws ImageFileException {
        return switch (options.format()) {
            case PNG -> "png";
            case JPEG -> "jpeg";
            case SAME -> {
                String source = metadata == null ? null : metadata.sourceFormat();
                if (source == null) {
                    yield "png";
                }
                if (source.equals("webp")) {
                    throw new ImageFileException("WebP can be opened but not written; export as PNG or JPEG.");
                }
                yield source;
            }
        };
    }

    /**
     * Encodes and writes atomically, carrying EXIF and the ICC profile into PNG and JPEG. An existing
     * target is refused unless the options allow overwriting. Returns the written file's size and hash.
     */
    public static AtomicFiles.Written save(BufferedImage image, Path target, SaveOptions options, ImageMetadata metadata)
            throws ImageFileException {
        ImageMetadata meta = metadata == null ? ImageMetadata.NONE : metadata;
        String format = outputFormat(options, meta);
        byte[] encoded = encode(image, format, options.jpegQuality());
        byte[] withMetadata = switch (format) {
            case "jpeg" -> MetadataBlocks.insertIntoJpeg(encoded, meta.exif(), meta.iccProfile());
            case "png" -> MetadataBlocks.insertIntoPng(encoded, meta.exif(), meta.iccProfile());
            default -> encoded;
        };
        return AtomicFiles.write(target, options.overwrite(), withMetadata);
    }

    static byte[] encode(BufferedImage image, String format, float quality) throws ImageFileException {
        if (format.equals("png") && PngEncoder.supports(image)) {
            return PngEncoder.encode(image); // parallel stripes, several times faster than ImageIO's writer
        }
        BufferedImage toWrite = image;
        if (!format.equals("png") && !format.equals("tiff")) {
            // JPEG, BMP and GIF writers take no alpha channel.
            toWrite = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = toWrite.createGraphics();
            g.drawImage(image, 0, 0, null);
            g.dispose();
        }
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
        if (!writers.hasNext()) {
            throw new ImageFileException("Writing " + format.toUpperCase(Locale.ROOT) + " is not supported; export as PNG or JPEG.");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format.equals("jpeg")) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
            }
            writer.write(null, new IIOImage(toWrite, null, null), param);
        } catch (IOException | RuntimeException e) {
            throw new ImageFileException("Encoding " + format + " failed: " + e.getMessage(), e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
