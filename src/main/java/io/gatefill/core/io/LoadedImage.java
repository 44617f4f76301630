package io.gatefill.core.io;

import java.awt.image.BufferedImage;

/** A decoded photo: TYPE_INT_ARGB pixels with EXIF orientation applied, plus what to carry on export. */
public record LoadedImage(BufferedImage image, ImageMetadata metadata, String formatName) {
}
