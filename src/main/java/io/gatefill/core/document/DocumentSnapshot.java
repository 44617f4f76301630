package io.gatefill.core.document;

import io.gatefill.core.io.ImageMetadata;
import io.gatefill.core.raster.GrayRaster;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * An immutable-by-convention deep copy of a document's state, for writing projects and recovery
 * files off the UI thread.
 *
 * @param original the opened image when it differs from {@code image}, else null (saves space)
 * @param historyRevision the history revision the copy was taken at
 * @param imageRevision the document's image revision the copy was taken at
 */
public record DocumentSnapshot(BufferedImage image, BufferedImage original, GrayRaster mask, GrayRaster sketch,
                               ImageMetadata metadata, Path sourcePath, String sourceFormat,
                               long historyRevision, long imageRevision) {
}
