package io.gatefill.core.io;
/** TEMP STUB. */
public record ImageInfo(int width, int height, String formatName) { }
