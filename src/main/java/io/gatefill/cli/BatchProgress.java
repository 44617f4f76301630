package io.gatefill.cli;

import io.gatefill.core.batch.BatchListener;
import io.gatefill.core.batch.FileOutcome;
import io.gatefill.core.batch.FileStatus;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Batch progress for people and for logs: on a terminal one redrawn bar with the ETA, otherwise one
 * plain line per file (a redrawn bar in a log file is unreadable).
 */
final class BatchProgress implements BatchListener {
    private static final int BAR_WIDTH = 30;

    private final PrintWriter out;
    private final boolean terminal;
    private long startNanos;
    private int worked;

    BatchProgress(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void tookOverLock(String from) {
        out.println("Note: took over the lock of a run that ended (" + from + "); pass --resume to keep what it finished.");
        out.flush();
    }

    @Override
    public void started(int total) {
        startNanos = System.nanoTime();
        if (!terminal) {
            out.println("Batch of " + total + " image(s)");
            out.flush();
        }
    }

    @Override
    public void finished(FileOutcome outcome, int finished, int total) {
        // Skipped files cost nothing; counting them would make the ETA far too optimistic.
        if (outcome.status() == FileStatus.DONE || outcome.status() == FileStatus.FAILED) {
            worked++;
        }
        String eta = eta(finished, total);
        String name = outcome.item().image().getFileName().toString();
        String reason = outcome.reason() == null ? "" : ": " + outcome.reason();
        if (terminal) {
            int filled = total == 0 ? BAR_WIDTH : finished * BAR_WIDTH / total;
            String bar = "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled);
            out.print(String.format(Locale.ROOT, "\r[%s] %d/%d %3d%% ETA %s  %-40.40s", bar, finished, total,
                    finished * 100 / Math.max(1, total), eta, name + " " + outcome.status().label()));
            if (outcome.status() == FileStatus.FAILED) {
                out.print("\n" + name + " failed" + reason + "\n");
            }
            if (finished == total) {
                out.println();
            }
        } else {
            out.println(String.format(Locale.ROOT, "[%d/%d] %s: %s (%.2f s)%s  ETA %s", finished, total, name,
                    outcome.status().label(), outcome.totalMs() / 1000.0, reason, eta));
        }
        out.flush();
    }

    private String eta(int finished, int total) {
        if (worked == 0 || finished >= total) {
            return finished >= total ? "0:00" : "--:--";
        }
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        long seconds = Math.round(elapsed / worked * (total - finished));
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
