package io.gatefill.core.io;
/** TEMP STUB. */
public record LoadedImage(java.awt.image.BufferedImage image, ImageMetadata metadata, String formatName) {}
