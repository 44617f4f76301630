package io.gatefill.core.io;

/** What an image file's header says, read without decoding any pixels. */
public record ImageInfo(int width, int height, String formatName) {
    public long pixels() {
        return (long) width * height;
    }
}
