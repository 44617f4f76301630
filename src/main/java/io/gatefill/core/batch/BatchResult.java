package io.gatefill.core.batch;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything a finished (or cancelled) run produced: one outcome per planned item in input order,
 * timing, and the housekeeping done in the output folder.
 */
public record BatchResult(List<FileOutcome> outcomes, Instant started, Instant finished, boolean cancelled,
                          List<String> removedPartFiles) {
    public BatchResult {
        outcomes = List.copyOf(outcomes);
        removedPartFiles = List.copyOf(removedPartFiles);
    }

    public Map<FileStatus, Integer> counts() {
        Map<FileStatus, Integer> counts = new EnumMap<>(FileStatus.class);
        for (FileStatus s : FileStatus.values()) {
            counts.put(s, 0);
        }
        for (FileOutcome o : outcomes) {
            counts.merge(o.status(), 1, Integer::sum);
        }
        return counts;
    }

    public int count(FileStatus status) {
        return counts().get(status);
    }

    public double wallSeconds() {
        return (finished.toEpochMilli() - started.toEpochMilli()) / 1000.0;
    }

    /** Images filled and written per minute of wall time in this run (skipped files excluded). */
    public double imagesPerMinute() {
        double s = wallSeconds();
        return s <= 0 ? 0 : count(FileStatus.DONE) * 60.0 / s;
    }

    /**
     * One line for people: "N image(s) in T s: n status, …" with " (cancelled)" after a cancelled run.
     * The command line and the editor's batch dialog both open their summary with it.
     */
    public String summaryLine() {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%d image(s) in %.1f s:",
                outcomes.size(), wallSeconds()));
        counts().forEach((status, n) -> {
            if (n > 0) {
                line.append(' ').append(n).append(' ').append(status.label()).append(',');
            }
        });
        line.setLength(line.length() - 1);
        if (cancelled) {
            line.append(" (cancelled)");
        }
        return line.toString();
    }
}
