package io.gatefill.cli;

import io.gatefill.core.batch.BatchJob;
import io.gatefill.core.batch.BatchResult;
import io.gatefill.core.batch.BatchSettings;
import io.gatefill.core.batch.BatchSetupException;
import io.gatefill.core.batch.FileStatus;
import io.gatefill.core.io.SaveOptions;
import io.gatefill.core.pipeline.InputPolicy;
import io.gatefill.core.pipeline.Strategy;
import io.gatefill.engine.EngineOptions;
import io.gatefill.engine.ModelFiles;
import io.gatefill.engine.InpaintEngine;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gatefill batch}: fills every photo of a folder with its mask, robust to bad files and interruptions. */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = {"Remove the masked areas of every image in a folder (mask: white = hole).",
                "Masks are matched by file stem (photo a.jpg, mask a.png), or one mask file applies to all; a mask "
                        + "of another size is scaled (nearest neighbour) and the report says so.",
                "Outputs are written atomically into OUT (never an input folder), named <stem>.<format>; existing "
                        + "outputs are never replaced without --overwrite. Ctrl+C stops after the current file and "
                        + "writes the report; --resume continues an interrupted run."},
        footer = {"", "Exit codes: 0 every image done (or resumed), 20 some files failed, 21 some images had no mask,",
                "22 cancelled, 23 existing outputs kept (no --overwrite/--resume), 2 usage, 3 input folder or mask",
                "unreadable or no images, 7 model invalid, 8 GPU unavailable, 9 output folder is an input folder or",
                "cannot be created, 10 report not written, 1 internal error; 130/143 after Ctrl+C/SIGTERM."})
public final class BatchCommand implements Callable<Integer> {
    /** How long a shutdown hook waits for the current file and the report before letting the JVM go. */
    static final long SHUTDOWN_WAIT_SECONDS = 300;

    @Spec
    CommandSpec spec;

    @Option(names = "--images", required = true, paramLabel = "DIR", description = "Folder of photos (top level).")
    Path images;

    @Option(names = "--masks", required = true, paramLabel = "DIR|FILE",
            description = "Folder of masks matched by stem, or one mask for every photo.")
    Path masks;

    @Option(names = "--sketches", paramLabel = "DIR", description = "Optional folder of guidance sketches matched by stem.")
    Path sketches;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created if missing).")
    Path out;

    @Option(names = "--format", paramLabel = "png|jpg|same", defaultValue = "png",
            description = "Output format (default: ${DEFAULT-VALUE}; same = the photo's own format).")
    String format;

    @Option(names = "--quality", paramLabel = "Q", defaultValue = "92",
            description = "JPEG quality 1-100 (default: ${DEFAULT-VALUE}).")
    int quality;

    @Option(names = "--strategy", paramLabel = "crop|resize|original", defaultValue = "crop",
            description = "Large-image strategy, as for inpaint (default: ${DEFAULT-VALUE}).")
    String strategy;

    @Option(names = "--overwrite", description = "Replace existing outputs.")
    boolean overwrite;

    @Option(names = "--resume", description = "Count existing outputs as finished by an interrupted run and do the rest.")
    boolean resume;

    @Option(names = "--report", paramLabel = "FILE",
            description = "JSON report (default: OUT/gatefill-report.json).")
    Path report;

    @Option(names = "--io-threads", paramLabel = "N", defaultValue = "1",
            description = "Decoding threads and, separately, encoding threads beside the inference thread "
                    + "0-16 (default: ${DEFAULT-VALUE}; 0 = one file after another on one thread).")
    int ioThreads;

    @Mixin
    EngineArgs engineArgs;

    @Mixin
    FillArgs fillArgs;

    @Option(names = "--verbose", description = "Print where the time went: start, load, and per file decode, fill, encode.")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter log = spec.commandLine().getOut();
        try {
            return run(log, err);
        } catch (CommandFailure e) {
            err.println("error: " + e.getMessage());
            return e.exitCode();
        } finally {
            err.flush();
            log.flush();
        }
    }

    private int run(PrintWriter log, PrintWriter err) throws CommandFailure {
        Timings timings = new Timings();
        BatchSettings settings = settings();
        // The model's files are protected even when the patch engine leaves them unread.
        ModelFiles files = engineArgs.filesFor(settings.engine());
        BatchJob job;
        try {
            job = BatchJob.prepare(settings, report, files == null ? null : files::protectIn, null);
        } catch (BatchSetupException e) {
            throw setupFailure(e);
        }
        timings.mark("start");
        CountDownLatch reported = new CountDownLatch(1);
        // Ctrl+C or SIGTERM: finish the current file, write the report, then let the JVM exit.
        Thread hook = new Thread(() -> {
            job.cancel();
            try {
                reported.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "gatefill-batch-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            BatchJob.Outcome outcome;
            try {
                outcome = job.run(() -> {
                    // On the job's load thread, beside the first files' decoding.
                    long t0 = System.nanoTime();
                    InpaintEngine engine = engineArgs.load(files, new PrintStream(System.err, true));
                    timings.background("load", (System.nanoTime() - t0) / 1_000_000);
                    return engine.forBatch(engine::close);
                }, new BatchProgress(log, System.console() != null), done -> {
                    timings.mark("files");
                    timings.addFileMedians(done);
                    return Map.of("timing", timings.toReport());
                });
            } catch (BatchSetupException e) {
                throw setupFailure(e);
            }
            if (outcome.report() == null) {
                err.println("error: the report could not be written: " + outcome.reportProblem());
                summarise(log, outcome.result(), null);
                return ExitCodes.WRITE_FAILED;
            }
            summarise(log, outcome.result(), outcome.report());
            if (verbose) {
                log.println(timings.line());
            }
            return exitCode(outcome.result());
        } finally {
            reported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already exiting because of a signal; the hook is running and will return now.
            }
        }
    }

    private BatchSettings settings() throws CommandFailure {
        if (overwrite && resume) {
            throw new CommandFailure(ExitCodes.USAGE, "--overwrite and --resume exclude each other: resume keeps "
                    + "finished outputs, overwrite replaces them.");
        }
        if (quality < 1 || quality > 100) {
            throw new CommandFailure(ExitCodes.USAGE, "--quality must be 1-100, not " + quality + ".");
        }
        if (ioThreads < 0 || ioThreads > BatchSettings.MAX_IO_THREADS) {
            throw new CommandFailure(ExitCodes.USAGE, EngineOptions.threadRangeMessage("--io-threads", 0,
                    BatchSettings.MAX_IO_THREADS, ioThreads));
        }
        SaveOptions.Format chosen = switch (format.trim().toLowerCase(Locale.ROOT)) {
            case "png" -> SaveOptions.Format.PNG;
            case "jpg", "jpeg" -> SaveOptions.Format.JPEG;
            case "same" -> SaveOptions.Format.SAME;
            default -> throw new CommandFailure(ExitCodes.USAGE, "--format must be png, jpg or same, not '" + format + "'.");
        };
        Strategy chosenStrategy = InpaintCommand.parseStrategy(strategy);
        engineArgs.options();
        return new BatchSettings(images, masks, sketches, out, new SaveOptions(chosen, quality / 100f, overwrite),
                chosenStrategy, resume, ioThreads, ioThreads, InputPolicy.MAX_PIXELS, fillArgs.engine(), fillArgs.seed);
    }

    private static CommandFailure setupFailure(BatchSetupException e) {
        return new CommandFailure(e.kind() == BatchSetupException.Kind.INPUT ? ExitCodes.INPUT_UNREADABLE
                : ExitCodes.OUTPUT_REFUSED, e.getMessage());
    }

    /** The documented precedence: cancelled, failed, no mask, existing kept, else 0. */
    static int exitCode(BatchResult result) {
        if (result.cancelled() && result.count(FileStatus.CANCELLED) > 0) {
            return BatchExitCodes.CANCELLED;
        }
        if (result.count(FileStatus.FAILED) > 0) {
            return BatchExitCodes.FILES_FAILED;
        }
        if (result.count(FileStatus.NO_MASK) > 0) {
            return BatchExitCodes.FILES_WITHOUT_MASK;
        }
        if (result.count(FileStatus.SKIPPED_EXISTING) > 0) {
            return BatchExitCodes.EXISTING_KEPT;
        }
        return ExitCodes.OK;
    }

    private static void summarise(PrintWriter log, BatchResult result, Path reportFile) {
        log.println(result.summaryLine());
        if (reportFile != null) {
            log.println("Report: " + reportFile);
        }
        log.flush();
    }
}
