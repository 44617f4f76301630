package io.gatefill.core.io;

/** How to write an image: format, JPEG quality in [0, 1], and whether an existing file may be replaced. */
public record SaveOptions(Format format, float jpegQuality, boolean overwrite) {
    /** Output format; SAME means the source file's format where it can be written. */
    public enum Format { PNG, JPEG, SAME }

    public SaveOptions {
        if (!(jpegQuality >= 0f && jpegQuality <= 1f)) {
            throw new IllegalArgumentException("JPEG quality must be in [0, 1], got " + jpegQuality);
        }
    }

    public static SaveOptions png() {
        return new SaveOptions(Format.PNG, 0.92f, false);
    }

    public SaveOptions withOverwrite(boolean allowed) {
        return new SaveOptions(format, jpegQuality, allowed);
    }
}
