package io.gatefill.cli;

/**
 * Exit codes of {@code gatefill batch} beyond the shared {@link ExitCodes} (2 usage, 3 unreadable
 * input folder / mask or no images, 7 model invalid, 8 GPU unavailable, 9 output folder is an input
 * folder or cannot be created, 10 report cannot be written, 1 internal error). When several apply,
 * the first in this order wins: cancelled, failed, no mask, existing kept.
 */
public final class BatchExitCodes {
    /** At least one file failed (unreadable, damaged, refused mask, write error); the others finished. */
    public static final int FILES_FAILED = 20;
    /** No failure, but some images had no matching mask and were not filled. */
    public static final int FILES_WITHOUT_MASK = 21;
    /** The run was cancelled in-process; after Ctrl+C or SIGTERM the shell sees 130 or 143 instead. */
    public static final int CANCELLED = 22;
    /** Some outputs already existed and were kept (neither --overwrite nor --resume given). */
    public static final int EXISTING_KEPT = 23;

    private BatchExitCodes() {
    }
}
