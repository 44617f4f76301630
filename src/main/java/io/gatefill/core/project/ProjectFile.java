package io.gatefill.core.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatefill.core.document.DocumentSnapshot;
import io.gatefill.core.io.AtomicFiles;
import io.gatefill.core.io.ImageMetadata;
import io.gatefill.core.raster.GrayRaster;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The {@code .gatefill} project format: a zip holding {@code project.json} (format version, sizes,
 * source path and format), {@code image.png}, {@code mask.png} and {@code sketch.png} (8-bit grey,
 * 255 = hole / stroke), {@code original.png} when the image was edited, and the source's EXIF and ICC
 * bytes as {@code exif.bin} / {@code icc.bin}. Written atomically (temp file, then move).
 */
public final class ProjectFile {
    public static final String EXTENSION = ".gatefill";
    public static final int FORMAT_VERSION = 1;
    private static final String FORMAT_ID = "gatefill-project";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProjectFile() {
    }

    public static void write(DocumentSnapshot snapshot, Path target) throws IOException {
        ObjectNode json = JSON.createObjectNode();
        json.put("format", FORMAT_ID);
        json.put("version", FORMAT_VERSION);
        json.put("width", snapshot.image().getWidth());
        json.put("height", snapshot.image().getHeight());
        json.put("sourcePath", snapshot.sourcePath() == null ? null : snapshot.sourcePath().toString());
        json.put("sourceFormat", snapshot.sourceFormat());
        json.put("hasOriginal", snapshot.original() != null);
        Map<String, byte[]> metadataParts = MetadataParts.split(snapshot.metadata());
        json.put("metadataFormat", MetadataParts.formatOf(snapshot.metadata()));
        Files.createDirectories(target.toAbsolutePath().getParent());
        AtomicFiles.write(target, true, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.setLevel(0); // the PNGs are compressed already
            putEntry(zip, "project.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
            zip.putNextEntry(new ZipEntry("image.png"));
            PngCodec.writeImage(snapshot.image(), zip);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("mask.png"));
            PngCodec.writeGray(snapshot.mask(), zip);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("sketch.png"));
            PngCodec.writeGray(snapshot.sketch(), zip);
            zip.closeEntry();
            if (snapshot.original() != null) {
                zip.putNextEntry(new ZipEntry("original.png"));
                PngCodec.writeImage(snapshot.original(), zip);
                zip.closeEntry();
            }
            for (Map.Entry<String, byte[]> part : metadataParts.entrySet()) {
                putEntry(zip, part.getKey(), part.getValue());
            }
            zip.finish();
        });
    }

    /** Reads a project; every failure is an IOException whose message names the file and the problem. */
    public static DocumentSnapshot read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "project file not found");
        }
        if (Files.size(file) == 0) {
            throw new IOException(file.getFileName() + " is empty (0 bytes): not a Gatefill project");
        }
        JsonNode json = null;
        BufferedImage image = null;
        BufferedImage original = null;
        byte[] maskPng = null;
        byte[] sketchPng = null;
        Map<String, byte[]> metadataParts = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            ZipEntry entry;
            boolean any = false;
            while ((entry = zip.getNextEntry()) != null) {
                any = true;
                switch (entry.getName()) {
                    case "project.json" -> json = JSON.readTree(zip.readAllBytes());
                    case "image.png" -> image = PngCodec.readImage(zip, "image.png");
                    case "original.png" -> original = PngCodec.readImage(zip, "original.png");
                    case "mask.png" -> maskPng = zip.readAllBytes();
                    case "sketch.png" -> sketchPng = zip.readAllBytes();
                    default -> {
                        if (MetadataParts.isPart(entry.getName())) {
                            metadataParts.put(entry.getName(), zip.readAllBytes());
                        }
                    }
                }
            }
            if (!any) {
                throw new IOException(file.getFileName() + " is not a Gatefill project (not a zip archive)");
            }
        } catch (ZipException | java.io.EOFException e) {
            throw new IOException(file.getFileName() + " is damaged or truncated: " + e.getMessage(), e);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(String.valueOf(file.getFileName()))) {
                throw e;
            }
            throw new IOException(file.getFileName() + " is damaged: " + e.getMessage(), e);
        }
        if (json == null || !FORMAT_ID.equals(json.path("format").asText())) {
            throw new IOException(file.getFileName() + " is not a Gatefill project (no project.json)");
        }
        int version = json.path("version").asInt(-1);
        if (version > FORMAT_VERSION || version < 1) {
            throw new IOException(file.getFileName() + " has project format version " + version
                    + "; this Gatefill reads version " + FORMAT_VERSION);
        }
        if (image == null || maskPng == null || sketchPng == null) {
            throw new IOException(file.getFileName() + " is incomplete: image, mask or sketch is missing");
        }
        int width = json.path("width").asInt();
        int height = json.path("height").asInt();
        if (image.getWidth() != width || image.getHeight() != height) {
            throw new IOException(file.getFileName() + " is inconsistent: image.png is " + image.getWidth() + "x"
                    + image.getHeight() + " but project.json says " + width + "x" + height);
        }
        GrayRaster mask = PngCodec.readGray(new java.io.ByteArrayInputStream(maskPng), width, height, "mask.png");
        GrayRaster sketch = PngCodec.readGray(new java.io.ByteArrayInputStream(sketchPng), width, height, "sketch.png");
        String source = json.path("sourcePath").isTextual() ? json.path("sourcePath").asText() : null;
        String format = json.path("sourceFormat").isTextual() ? json.path("sourceFormat").asText() : null;
        ImageMetadata metadata = MetadataParts.join(json.path("metadataFormat").asText(null), metadataParts);
        return new DocumentSnapshot(image, original, mask, sketch, metadata,
                source == null ? null : Path.of(source), format, 0, 0);
    }

    private static void putEntry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }
}
