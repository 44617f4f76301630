package io.gatefill.core.batch;

import java.util.List;

/**
 * The result for one item: status, where the time went (milliseconds; 0 for stages not reached), the
 * reason for a failure and notes such as a rescaled mask.
 */
public record FileOutcome(BatchItem item, FileStatus status, long decodeMs, long fillMs, long encodeMs,
                          String reason, List<String> notes) {
    public FileOutcome {
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    static FileOutcome of(BatchItem item, FileStatus status, String reason) {
        return new FileOutcome(item, status, 0, 0, 0, reason, List.of());
    }

    /** Working time spent on this file by all stages together. */
    public long totalMs() {
        return decodeMs + fillMs + encodeMs;
    }
}
