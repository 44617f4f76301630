package io.gatefill.core.io;
/** TEMP STUB. */
public record ImageMetadata() { }
