package io.gatefill.core.io;

/**
 * Metadata carried from a source file to its exports: the raw EXIF block (TIFF structure, without
 * the "Exif\0\0" prefix) and the embedded ICC profile, either of which may be absent (null).
 */
public record ImageMetadata(byte[] exif, byte[] iccProfile, String sourceFormat) {
    public static final ImageMetadata NONE = new ImageMetadata(null, null, null);

    public boolean hasIccProfile() {
        return iccProfile != null && iccProfile.length > 0;
    }
}
