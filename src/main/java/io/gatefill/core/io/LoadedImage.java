package io.gatefill.core.io;

import java.awt.image.BufferedImage;

/**
 * A decoded photo: TYPE_INT_ARGB pixels with EXIF orientation applied, plus what to carry on export.
 *
 * @param reducedFromBits the source's bits per channel when they were more than 8 (16-bit PNG or
 *                        TIFF), so callers can tell the user; 0 when nothing was lost
 */
public record LoadedImage(BufferedImage image, ImageMetadata metadata, String formatName, int reducedFromBits) {
    /** The note a user gets when the source had more than 8 bits per channel, or null. */
    public String precisionNote() {
        return reducedFromBits == 0 ? null : "the source has " + reducedFromBits
                + " bits per channel; Gatefill works and writes in 8 bits per channel, rounded to the nearest level";
    }
}
