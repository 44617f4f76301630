package io.gatefill.core.batch;

import io.gatefill.core.io.AtomicFiles;
import io.gatefill.core.io.ImageFileException;
import io.gatefill.core.io.ImageFiles;
import io.gatefill.core.io.ImageMetadata;
import io.gatefill.core.io.LoadedImage;
import io.gatefill.core.io.MaskFiles;
import io.gatefill.core.io.OutputRefusedException;
import io.gatefill.core.pipeline.InpaintException;
import io.gatefill.core.pipeline.InpaintPipeline;
import io.gatefill.core.pipeline.InpaintRequest;
import io.gatefill.core.pipeline.InputPolicy;
import io.gatefill.core.raster.GrayRaster;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The headless batch engine: a bounded pipeline of decoder threads, one fill thread and encoder
 * threads, so that decoding and encoding overlap inference instead of waiting for it. The queues
 * between the stages hold at most {@link #QUEUE_DEPTH} images each, which bounds memory on
 * 12-megapixel photos. Every file ends in exactly one {@link FileOutcome}; a failure of one file never
 * stops the others.
 *
 * <p>{@link #cancel()} (Ctrl+C in the CLI, a button in the GUI) lets the file being filled finish and
 * be written, then marks everything not yet filled as cancelled. The fill thread itself is not
 * interrupted because a forward pass cannot be.
 */
public final class BatchRunner {
    /** Images waiting between two stages; two keep the fill thread fed while memory stays bounded. */
    static final int QUEUE_DEPTH = 2;

    private static final Object END = new Object();

    private final BatchSettings settings;
    /** Done at once, or still loading while the first files decode (the first fill waits for it). */
    private final CompletableFuture<InpaintPipeline> pipeline;
    private final BatchListener listener;
    private final BatchJournal journal;
    private volatile boolean cancelled;
    // Set when the model did not load: the files after that were never tried, so the listener hears
    // nothing about them (the run fails as a whole and its caller reports why).
    private volatile boolean modelFailed;
    private final Map<String, GrayRaster> scaledSingleMasks = new ConcurrentHashMap<>();
    private GrayRaster singleMask;
    private Map<String, BatchJournal.Entry> journalled = Map.of();

    private FileOutcome[] outcomes;
    private int finishedCount;

    public BatchRunner(BatchSettings settings, InpaintPipeline pipeline, BatchListener listener) {
        this(settings, CompletableFuture.completedFuture(Objects.requireNonNull(pipeline, "pipeline")), listener);
    }

    /**
     * A runner whose pipeline may still be loading: files decode meanwhile and the first fill waits. If
     * the load fails, the run stops there: no file is filled, every file is cancelled without the
     * listener hearing of it (they were never tried), and the caller learns why from its own future.
     */
    public BatchRunner(BatchSettings settings, CompletableFuture<InpaintPipeline> pipeline, BatchListener listener) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.listener = listener == null ? BatchListener.NONE : listener;
        this.journal = new BatchJournal(settings.out());
    }

    /** Asks the run to stop after the file being filled; safe from any thread, including a shutdown hook. */
    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * Runs the planned items and returns when every one has an outcome. Refuses the whole run first when
     * an output would land on an input or on another output ({@link BatchPlanner#guard}), whichever shell
     * planned it.
     */
    public BatchResult run(List<BatchItem> items) throws BatchSetupException {
        Instant started = Instant.now();
        try {
            BatchPlanner.guard(items, settings);
        } catch (OutputRefusedException e) {
            throw new BatchSetupException(BatchSetupException.Kind.OUTPUT, e.getMessage());
        }
        if (!Files.isDirectory(settings.masks())) {
            try {
                singleMask = InputPolicy.read("mask", settings.masks());
            } catch (ImageFileException e) {
                throw new BatchSetupException(BatchSetupException.Kind.INPUT,
                        e.getMessage() + "; it cannot be used for the batch.");
            }
        }
        List<String> removed = removeStaleParts(items);
        journalled = journal.finished();
        outcomes = new FileOutcome[items.size()];
        listener.started(items.size());
        if (settings.pipelined()) {
            runPipelined(items);
        } else {
            for (BatchItem item : items) {
                runOne(item);
            }
        }
        return new BatchResult(Arrays.asList(outcomes), started, Instant.now(), cancelled, removed);
    }

    private void runOne(BatchItem item) {
        if (cancelled) {
            record(FileOutcome.of(item, FileStatus.CANCELLED, null));
            return;
        }
        Object decoded = decode(item);
        if (decoded instanceof FileOutcome outcome) {
            record(outcome);
            return;
        }
        Object filled = fill((Decoded) decoded);
        if (filled instanceof FileOutcome outcome) {
            record(outcome);
            return;
        }
        record(encode((Filled) filled));
    }

    private void runPipelined(List<BatchItem> items) {
        BlockingQueue<Object> decodedQueue = new ArrayBlockingQueue<>(QUEUE_DEPTH);
        BlockingQueue<Object> filledQueue = new ArrayBlockingQueue<>(QUEUE_DEPTH);
        AtomicInteger next = new AtomicInteger();
        List<Thread> decoders = new ArrayList<>();
        for (int d = 0; d < settings.decoders(); d++) {
            decoders.add(start("gatefill-batch-decode-" + d, () -> {
                for (int i; (i = next.getAndIncrement()) < items.size(); ) {
                    BatchItem item = items.get(i);
                    if (cancelled) {
                        record(FileOutcome.of(item, FileStatus.CANCELLED, null));
                        continue;
                    }
                    Object decoded = decode(item);
                    if (decoded instanceof FileOutcome outcome) {
                        record(outcome);
                    } else {
                        putUninterruptibly(decodedQueue, decoded);
                    }
                }
            }));
        }
        Thread filler = start("gatefill-batch-fill", () -> {
            try {
                while (true) {
                    Object taken = takeUninterruptibly(decodedQueue);
                    if (taken == END) {
                        break;
                    }
                    Decoded decoded = (Decoded) taken;
                    if (cancelled) {
                        record(FileOutcome.of(decoded.item, FileStatus.CANCELLED, null));
                        continue;
                    }
                    Object filled = fill(decoded);
                    if (filled instanceof FileOutcome outcome) {
                        record(outcome);
                    } else {
                        putUninterruptibly(filledQueue, filled);
                    }
                }
            } finally {
                for (int e = 0; e < settings.encoders(); e++) {
                    putUninterruptibly(filledQueue, END);
                }
            }
        });
        List<Thread> encoders = new ArrayList<>();
        for (int e = 0; e < settings.encoders(); e++) {
            encoders.add(start("gatefill-batch-encode-" + e, () -> {
                while (true) {
                    Object taken = takeUninterruptibly(filledQueue);
                    if (taken == END) {
                        break;
                    }
                    // Already filled: writing it keeps finished work even after a cancel.
                    record(encode((Filled) taken));
                }
            }));
        }
        decoders.forEach(BatchRunner::joinUninterruptibly);
        putUninterruptibly(decodedQueue, END);
        joinUninterruptibly(filler);
        encoders.forEach(BatchRunner::joinUninterruptibly);
        // A stage that died of an Error (not per-file) would leave holes; they are reported, not lost.
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i] == null) {
                record(FileOutcome.of(items.get(i), FileStatus.FAILED, "internal error: the file was never finished"));
            }
        }
    }

    /** Reads the photo, mask and sketch, or returns the outcome that makes reading unnecessary. */
    private Object decode(BatchItem item) {
        long t0 = System.nanoTime();
        List<String> notes = new ArrayList<>();
        try {
            boolean replace = settings.save().overwrite();
            if (Files.exists(item.output()) && !replace) {
                if (!settings.resume()) {
                    return FileOutcome.of(item, FileStatus.SKIPPED_EXISTING,
                            item.output().getFileName() + " already exists; pass --overwrite to replace it or --resume "
                                    + "to continue an interrupted run");
                }
                String why = BatchJournal.whyRedo(journalled.get(item.output().getFileName().toString()), item);
                if (why == null) {
                    return new FileOutcome(item, FileStatus.RESUMED, 0, 0, 0, null, List.of("finished by an earlier run"));
                }
                notes.add("redone: " + why);
                replace = true;
            }
            if (item.mask() == null) {
                return FileOutcome.of(item, FileStatus.NO_MASK,
                        "no mask named " + BatchPlanner.stem(item.image()) + ".* in " + settings.masks());
            }
            // Taken before reading, so a photo replaced mid-run is recorded as the older one and redone.
            BatchJournal.Source source = BatchJournal.Source.of(item.image());
            LoadedImage loaded = InputPolicy.photo(item.image(), settings.strategy(), settings.maxPixels());
            if (loaded.precisionNote() != null) {
                notes.add(loaded.precisionNote());
            }
            // Refuse an unwritable output format (WebP with --format same) before spending a fill on it.
            ImageFiles.outputFormat(settings.save(), loaded.metadata());
            int w = loaded.image().getWidth();
            int h = loaded.image().getHeight();
            // Batch scales a mask or sketch of another size (one mask for all, masks made at another size).
            GrayRaster mask = singleMask != null ? singleMaskFor(w, h, notes)
                    : InputPolicy.raster("mask", item.mask(), w, h, InputPolicy.SizeRule.SCALE, notes);
            GrayRaster sketch = item.sketch() == null ? null
                    : InputPolicy.raster("sketch", item.sketch(), w, h, InputPolicy.SizeRule.SCALE, notes);
            return new Decoded(item, source, replace, loaded, mask, sketch, notes, ms(t0));
        } catch (InpaintException e) {
            return new FileOutcome(item, FileStatus.FAILED, ms(t0), 0, 0, e.getMessage(), notes);
        } catch (ImageFileException e) {
            return new FileOutcome(item, FileStatus.FAILED, ms(t0), 0, 0, e.getMessage(), notes);
        } catch (OutOfMemoryError e) {
            return new FileOutcome(item, FileStatus.FAILED, ms(t0), 0, 0, "not enough memory to decode it; give Java "
                    + "more with -Xmx (JDK_JAVA_OPTIONS=-Xmx8g, say)", notes);
        } catch (RuntimeException e) {
            return new FileOutcome(item, FileStatus.FAILED, ms(t0), 0, 0, "cannot be read: " + e, notes);
        }
    }

    private GrayRaster singleMaskFor(int w, int h, List<String> notes) {
        if (singleMask.width() == w && singleMask.height() == h) {
            return singleMask;
        }
        notes.add(InputPolicy.scaledNote("mask", singleMask, w, h));
        return scaledSingleMasks.computeIfAbsent(w + "x" + h, k -> MaskFiles.resizeNearest(singleMask, w, h));
    }

    private Object fill(Decoded d) {
        InpaintPipeline loaded;
        try {
            loaded = pipeline.join();
        } catch (CompletionException | CancellationException e) {
            modelFailed = true;
            cancel(); // the model did not load: nothing can be filled
            return FileOutcome.of(d.item, FileStatus.CANCELLED, null);
        }
        if (cancelled) { // while the first fill waited for the model
            return FileOutcome.of(d.item, FileStatus.CANCELLED, null);
        }
        long t0 = System.nanoTime();
        try {
            InpaintRequest request = new InpaintRequest(d.loaded.image(), d.mask, d.sketch, settings.strategy(), settings.engine(),
                    settings.seed());
            BufferedImage result = loaded.run(request, null, null).result();
            return new Filled(d.item, d.source, d.replace, result, d.loaded.metadata(), d.notes, d.decodeMs, ms(t0));
        } catch (InpaintException e) {
            return new FileOutcome(d.item, FileStatus.FAILED, d.decodeMs, ms(t0), 0, e.getMessage(), d.notes);
        } catch (OutOfMemoryError e) {
            return new FileOutcome(d.item, FileStatus.FAILED, d.decodeMs, ms(t0), 0, "not enough memory to fill it", d.notes);
        } catch (RuntimeException e) {
            return new FileOutcome(d.item, FileStatus.FAILED, d.decodeMs, ms(t0), 0, "fill failed: " + e, d.notes);
        }
    }

    private FileOutcome encode(Filled f) {
        long t0 = System.nanoTime();
        try {
            AtomicFiles.Written written = ImageFiles.save(f.result, f.item.output(),
                    settings.save().withOverwrite(f.replace), f.metadata);
            journal.recordDone(f.item, f.source, written);
            return new FileOutcome(f.item, FileStatus.DONE, f.decodeMs, f.fillMs, ms(t0), null, f.notes);
        } catch (ImageFileException e) {
            return new FileOutcome(f.item, FileStatus.FAILED, f.decodeMs, f.fillMs, ms(t0), e.getMessage(), f.notes);
        } catch (OutOfMemoryError | RuntimeException e) {
            return new FileOutcome(f.item, FileStatus.FAILED, f.decodeMs, f.fillMs, ms(t0), "writing failed: " + e, f.notes);
        }
    }

    private synchronized void record(FileOutcome outcome) {
        int index = outcome.item().index();
        if (outcomes[index] != null) {
            return;
        }
        outcomes[index] = outcome;
        if (modelFailed && outcome.status() == FileStatus.CANCELLED) {
            return;
        }
        finishedCount++;
        try {
            listener.finished(outcome, finishedCount, outcomes.length);
        } catch (RuntimeException ignored) {
            // A broken progress display must not lose the file's outcome.
        }
    }

    /**
     * Deletes temporary files a killed run left behind for this run's outputs (the names AtomicFiles
     * makes). Only names derived from planned outputs are touched.
     */
    private List<String> removeStaleParts(List<BatchItem> items) {
        List<String> outputs = items.stream().map(item -> item.output().getFileName().toString()).toList();
        List<String> removed = new ArrayList<>();
        try (Stream<Path> files = Files.list(settings.out())) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                if (outputs.stream().anyMatch(output -> AtomicFiles.isTempFor(name, output))) {
                    Files.deleteIfExists(p);
                    removed.add(name);
                }
            }
        } catch (IOException e) {
            // Leftovers are hidden and harmless; a later run tries again.
        }
        return removed;
    }

    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void putUninterruptibly(BlockingQueue<Object> queue, Object value) {
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(value);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static Object takeUninterruptibly(BlockingQueue<Object> queue) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return queue.take();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** A decoded item on its way to the fill thread; {@code replace}: its output may be replaced. */
    private record Decoded(BatchItem item, BatchJournal.Source source, boolean replace, LoadedImage loaded, GrayRaster mask, GrayRaster sketch, List<String> notes,
                           long decodeMs) {
    }

    /** A filled item on its way to an encoder; only the result and metadata are kept, to free the source. */
    private record Filled(BatchItem item, BatchJournal.Source source, boolean replace, BufferedImage result, ImageMetadata metadata, List<String> notes,
                          long decodeMs, long fillMs) {
    }
}
