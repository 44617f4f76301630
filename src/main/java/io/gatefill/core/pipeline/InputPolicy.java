package io.gatefill.core.pipeline;

import io.gatefill.core.io.ImageFileException;
import io.gatefill.core.io.ImageFiles;
import io.gatefill.core.io.ImageInfo;
import io.gatefill.core.io.LoadedImage;
import io.gatefill.core.io.MaskFiles;
import io.gatefill.core.raster.GrayRaster;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The one input policy of a fill from files, for {@code inpaint} and batch alike: one pixel limit for
 * photo, mask and sketch; ORIGINAL refused from the photo's header, before decoding; the size rule
 * for masks and sketches; one message per problem. (Where an output may be written is the other
 * half of the policy: {@link io.gatefill.core.io.WriteGuard}.)
 */
public final class InputPolicy {
    /** The one limit for photo, mask and sketch, shared by the editor, {@code inpaint} and batch. */
    public static final long MAX_PIXELS = ImageFiles.DEFAULT_MAX_PIXELS;

    /** What a mask or sketch of another size than its photo gets. */
    public enum SizeRule {
        /**
         * Refused: the user paired this file with this photo, so a size difference is a mistake to report
         * (the editor's mask import and {@code inpaint}).
         */
        EXACT,
        /**
         * Scaled with nearest neighbour, and a note says so: one mask for photos of several sizes, or masks
         * made at another resolution (batch).
         */
        SCALE
    }

    private InputPolicy() {
    }

    /**
     * Decodes a photo within {@code maxPixels}; for ORIGINAL first checks from the header that the whole
     * photo can be given to the model, since decoding first would spend seconds and gigabytes on a
     * photo refused anyway.
     *
     * @throws InpaintException TOO_LARGE when ORIGINAL cannot take the photo
     */
    public static LoadedImage photo(Path file, Strategy strategy, long maxPixels)
            throws ImageFileException, InpaintException {
        if (strategy == Strategy.ORIGINAL) {
            ImageInfo info = ImageFiles.probe(file);
            String refusal = PipelineSettings.defaults().refuseOriginal(file.getFileName().toString(),
                    info.width(), info.height());
            if (refusal != null) {
                throw new InpaintException(InpaintException.Reason.TOO_LARGE, refusal);
            }
        }
        return ImageFiles.load(file, maxPixels);
    }

    /**
     * Reads a mask or sketch ({@code what}) for a {@code width x height} photo by {@code rule}.
     *
     * @param notes where a scaled file is noted (SCALE only)
     * @throws ImageFileException when it cannot be read: the message names it; the cause is the reader's
     *                            exception, so callers can tell a too-large file from a damaged one
     * @throws InpaintException   SIZE_MISMATCH when EXACT and the sizes differ
     */
    public static GrayRaster raster(String what, Path file, int width, int height, SizeRule rule, List<String> notes)
            throws ImageFileException, InpaintException {
        return fit(what, file, read(what, file), width, height, rule, notes);
    }

    /** Reads a mask or sketch at its own size (batch reads one mask for all photos once). */
    public static GrayRaster read(String what, Path file) throws ImageFileException {
        try {
            return MaskFiles.readAnySize(file);
        } catch (ImageFileException e) {
            throw new ImageFileException("the " + what + " " + file.getFileName() + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Applies the size rule to a raster read from {@code file}; see {@link #raster}. */
    public static GrayRaster fit(String what, Path file, GrayRaster raster, int width, int height, SizeRule rule,
                                 List<String> notes) throws InpaintException {
        if (raster.width() == width && raster.height() == height) {
            return raster;
        }
        if (rule == SizeRule.EXACT) {
            throw new InpaintException(InpaintException.Reason.SIZE_MISMATCH,
                    MaskFiles.sizeMismatch(what, file, raster, width, height));
        }
        notes.add(scaledNote(what, raster, width, height));
        return MaskFiles.resizeNearest(raster, width, height);
    }

    /** The note a scaled mask or sketch gets. */
    public static String scaledNote(String what, GrayRaster raster, int width, int height) {
        return String.format(Locale.ROOT, "%s %dx%d scaled to %dx%d (nearest neighbour)", what, raster.width(),
                raster.height(), width, height);
    }
}
