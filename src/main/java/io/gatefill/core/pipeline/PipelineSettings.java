package io.gatefill.core.pipeline;

/**
 * Tuning of the large-image pipeline.
 *
 * @param maxModelSide      longest side the model is given (RESIZE is scaled down to it), because
 *                          contextual attention costs grow with the square of the pixels
 * @param trainResolution   the model's training scale; CROP windows are grown to at least this side so
 *                          the hole-to-context ratio resembles training, and scaled down to it
 * @param contextMargin     pixels of context added around each region in CROP
 * @param mergeDistance     regions closer than this are filled in one window
 * @param maxOriginalPixels ORIGINAL refuses photos larger than this instead of exhausting memory
 * @param synthesisMargin   least context, in pixels, the patch synthesis copies from around a region;
 *                          it grows to half the region's longer side, so big holes find enough texture
 * @param wholePhotoPixels  photos up to this many pixels are synthesised as one window, every hole at
 *                          once, with the whole photo as the source
 */
public record PipelineSettings(int maxModelSide, int trainResolution, int contextMargin, int mergeDistance,
                               long maxOriginalPixels, int synthesisMargin,
                               long wholePhotoPixels) {
    public static final int DEFAULT_MAX_MODEL_SIDE = 512;
    public static final int DEFAULT_TRAIN_RESOLUTION = 256;

    public PipelineSettings {
        if (maxModelSide < 8 || trainResolution < 8 || contextMargin < 0 || mergeDistance < 0
                || maxOriginalPixels < 64 || synthesisMargin < 0 || wholePhotoPixels < 0) {
            throw new IllegalArgumentException("invalid pipeline settings");
        }
    }

    /** Defaults for a model trained at {@code trainResolution} (null or non-positive: 256). */
    public static PipelineSettings forTrainResolution(Integer trainResolution) {
        int train = trainResolution == null || trainResolution <= 0 ? DEFAULT_TRAIN_RESOLUTION : trainResolution;
        return new PipelineSettings(DEFAULT_MAX_MODEL_SIDE, Math.min(train, DEFAULT_MAX_MODEL_SIDE), 128, 32,
                2048L * 2048L, 128, 1024L * 1024L);
    }

    /**
     * Null when ORIGINAL can take a photo of this size, else the refusal; callers check it from the
     * file's header, before decoding.
     */
    public String refuseOriginal(String name, int width, int height) {
        long pixels = (long) width * height;
        if (pixels <= maxOriginalPixels) {
            return null;
        }
        return String.format(java.util.Locale.ROOT, "%s is %dx%d (%.1f megapixels), too large for --strategy original "
                + "(at most %.1f megapixels); use crop or resize.", name, width, height, pixels / 1e6,
                maxOriginalPixels / 1e6);
    }

    public static PipelineSettings defaults() {
        return forTrainResolution(null);
    }
}
