package io.gatefill.core.project;

import io.gatefill.core.io.ImageMetadata;
import java.util.LinkedHashMap;
import java.util.Map;

/** Splits the source file's metadata into zip entries of a project and joins them back. */
final class MetadataParts {
    private static final String EXIF = "exif.bin";
    private static final String ICC = "icc.bin";

    private MetadataParts() {
    }

    static boolean isPart(String name) {
        return EXIF.equals(name) || ICC.equals(name);
    }

    static String formatOf(ImageMetadata metadata) {
        return metadata == null ? null : metadata.sourceFormat();
    }

    static Map<String, byte[]> split(ImageMetadata metadata) {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        if (metadata != null) {
            if (metadata.exif() != null) {
                parts.put(EXIF, metadata.exif());
            }
            if (metadata.iccProfile() != null) {
                parts.put(ICC, metadata.iccProfile());
            }
        }
        return parts;
    }

    static ImageMetadata join(String format, Map<String, byte[]> parts) {
        if (format == null && parts.isEmpty()) {
            return null;
        }
        return new ImageMetadata(parts.get(EXIF), parts.get(ICC), format);
    }
}
