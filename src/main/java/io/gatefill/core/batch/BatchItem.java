package io.gatefill.core.batch;

import java.nio.file.Path;

/**
 * One planned unit of work: an image, the mask and sketch matched to it (null when none) and the
 * output it will produce. {@code index} is its place in the sorted input list, which the report keeps.
 */
public record BatchItem(int index, Path image, Path mask, Path sketch, Path output) {
}
