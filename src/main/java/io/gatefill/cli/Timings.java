package io.gatefill.cli;

import io.gatefill.core.batch.BatchResult;
import io.gatefill.core.batch.FileOutcome;
import io.gatefill.core.batch.FileStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.ToLongFunction;

/**
 * Where a command's time went, in named parts (start, load, decode, fill, encode) for {@code --verbose}
 * and the batch report. "start" runs from the process start (the launcher and JVM included, as the
 * kernel records it) to the command's first line; each later part from the previous mark, so "load"
 * after "decode" is the wait for a model that loads while the files decode.
 */
final class Timings {
    private static final String MEDIAN = " (median per file)";
    /** The unit of /proc's tick counts, 100 on every Linux architecture Java runs on. */
    private static final int USER_HZ = 100;
    private static final String BACKGROUND = " (in the background)";

    private final Map<String, Long> partsMs = new LinkedHashMap<>();
    /** Processor time of the whole process (every thread, the JIT compilers included) per part. */
    private final Map<String, Long> partsCpuMs = new LinkedHashMap<>();
    private long lastMark;
    private long lastCpuMs;

    /** Starts the clock at the command's first line and records "start" up to it. */
    Timings() {
        lastMark = System.nanoTime();
        long processStartMs = processAgeMs();
        if (processStartMs >= 0) {
            partsMs.put("start", processStartMs);
        }
        lastCpuMs = processCpuMs();
        if (lastCpuMs >= 0) {
            partsCpuMs.put("start", lastCpuMs);
        }
    }

    /** User plus system time of this process so far in milliseconds (/proc, 10 ms ticks), or -1. */
    static long processCpuMs() {
        try {
            String[] fields = statFields();
            return (Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3])) * 1000 / USER_HZ;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** /proc/self/stat's fields from the third on (after the parenthesised command name, which may hold spaces). */
    private static String[] statFields() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    }

    /**
     * Milliseconds since this process started, or -1 when unknown. Linux: the kernel's start tick
     * against /proc/uptime, both to 10 ms. (ProcessHandle's start instant adds the boot time, which
     * /proc gives in whole seconds, so "start" came out up to a second long and the parts summed to
     * more than the wall time.)
     */
    static long processAgeMs() {
        try {
            // Field 22 is the start time in clock ticks since boot.
            String[] fields = statFields();
            long startTicks = Long.parseLong(fields[22 - 3]);
            double uptimeSeconds = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
            return Math.max(0, Math.round(uptimeSeconds * 1000 - startTicks * 1000.0 / USER_HZ));
        } catch (IOException | RuntimeException e) {
            return ProcessHandle.current().info().startInstant()
                    .map(s -> Math.max(0, Duration.between(s, Instant.now()).toMillis())).orElse(-1L);
        }
    }

    /** Ends the part named {@code name} now; a name used again adds to its time. */
    void mark(String name) {
        long now = System.nanoTime();
        partsMs.merge(name, (now - lastMark) / 1_000_000, Long::sum);
        lastMark = now;
        long cpu = processCpuMs();
        if (cpu >= 0 && lastCpuMs >= 0) {
            partsCpuMs.merge(name, cpu - lastCpuMs, Long::sum);
        }
        lastCpuMs = cpu;
    }

    /**
     * Records how long part {@code name} took in all on its own thread, started with decoding (the
     * model load); shown with the part (or alone when no part waited for it), and left out of the total,
     * whose parts follow each other. Safe from another thread if the marks after it come after the
     * thread's end is known (a joined future).
     */
    void background(String name, long ms) {
        partsMs.put(name + BACKGROUND, ms);
    }

    /** Adds batch's per-file medians of decode, fill and encode over the files that were filled. */
    void addFileMedians(BatchResult result) {
        addMedian("decode", result, FileOutcome::decodeMs);
        addMedian("fill", result, FileOutcome::fillMs);
        addMedian("encode", result, FileOutcome::encodeMs);
    }

    private void addMedian(String name, BatchResult result, ToLongFunction<FileOutcome> part) {
        long[] sorted = result.outcomes().stream().filter(o -> o.status() == FileStatus.DONE)
                .mapToLong(part).sorted().toArray();
        if (sorted.length > 0) {
            partsMs.put(name + MEDIAN, sorted[sorted.length / 2]);
        }
    }

    /** The parts in milliseconds, in the order they happened, for the batch report. */
    Map<String, Object> toReport() {
        Map<String, Object> tree = new LinkedHashMap<>();
        partsMs.forEach((name, ms) -> tree.put(name.replace(MEDIAN, "_median").replace(BACKGROUND, "_background")
                + "_ms", ms));
        return tree;
    }

    /**
     * One line: "Timing: start 0.31 s (cpu 0.45), decode 0.60 s (cpu 1.10), load 0.05 s (cpu 0.05) (loaded in
     * 0.65 s beside decoding), ...", total from the process start when known. The processor times (every
     * thread of the process) are for reading here only; the batch report keeps wall times.
     */
    String line() {
        StringJoiner parts = new StringJoiner(", ", "Timing: ", "");
        partsMs.forEach((name, ms) -> {
            if (name.endsWith(BACKGROUND)) {
                String part = name.substring(0, name.length() - BACKGROUND.length());
                if (!partsMs.containsKey(part)) { // batch: the load ran beside the files, no part waited for it
                    parts.add(String.format(Locale.ROOT, "%s %.2f s beside the files", part, ms / 1000.0));
                }
                return; // else shown with its part
            }
            Long beside = partsMs.get(name + BACKGROUND);
            Long cpu = partsCpuMs.get(name);
            parts.add(String.format(Locale.ROOT, "%s %.2f s", name, ms / 1000.0)
                    + (cpu == null ? "" : String.format(Locale.ROOT, " (cpu %.2f)", cpu / 1000.0))
                    + (beside == null ? "" : String.format(Locale.ROOT, " (loaded in %.2f s beside decoding)", beside / 1000.0)));
        });
        long sinceStart = partsMs.entrySet().stream()
                .filter(e -> !e.getKey().endsWith(MEDIAN) && !e.getKey().endsWith(BACKGROUND))
                .mapToLong(Map.Entry::getValue).sum();
        return parts + String.format(Locale.ROOT, "; total %.2f s", sinceStart / 1000.0);
    }

}
