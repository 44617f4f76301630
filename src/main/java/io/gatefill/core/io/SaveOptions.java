package io.gatefill.core.io;
/** TEMP STUB. */
public record SaveOptions(Format format, float jpegQuality) { public enum Format { PNG, JPEG, SAME } }
