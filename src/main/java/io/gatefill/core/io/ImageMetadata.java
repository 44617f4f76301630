package io.gatefill.core.io;
/** TEMP STUB. */
public record ImageMetadata(byte[] exif, byte[] icc, String sourceFormat) {}
