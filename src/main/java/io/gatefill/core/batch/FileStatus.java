package io.gatefill.core.batch;

import com.fasterxml.jackson.annotation.JsonValue;

/** What became of one input image in a batch run; the label is what the JSON report shows. */
public enum FileStatus {
    /** Filled and written in this run. */
    DONE("done"),
    /** The output already existed and neither --overwrite nor --resume was given, so it was kept. */
    SKIPPED_EXISTING("skipped-existing"),
    /** The output was finished by an earlier, interrupted run (--resume). */
    RESUMED("resumed"),
    /** Reading, filling or writing failed; the reason says which. */
    FAILED("failed"),
    /** No mask matched the image's file stem. */
    NO_MASK("no-mask"),
    /** The run was cancelled before this file was finished; nothing was written for it. */
    CANCELLED("cancelled");

    private final String label;

    FileStatus(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }
}
