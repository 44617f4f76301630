package io.gatefill.gui.batch;

import io.gatefill.core.batch.BatchJob;
import io.gatefill.core.batch.BatchListener;
import io.gatefill.core.batch.BatchResult;
import io.gatefill.core.batch.BatchSettings;
import io.gatefill.core.batch.BatchSetupException;
import io.gatefill.core.batch.FileOutcome;
import io.gatefill.core.batch.FileStatus;
import io.gatefill.core.io.ImageFiles;
import io.gatefill.core.io.SaveOptions;
import io.gatefill.core.pipeline.FillEngine;
import io.gatefill.core.pipeline.Strategy;
import io.gatefill.engine.ModelFiles;
import io.gatefill.gui.task.BackgroundTask;
import io.gatefill.gui.task.TaskExecutor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State and commands of the batch dialog: the folders and options, live validation, a background run
 * of the core {@link BatchRunner}, overall and per-file progress, cancel, and the summary and report.
 * Runner callbacks arrive on worker threads and are handed to {@code uiThread} before touching any
 * property, so the dialog binds to this directly.
 */
public final class BatchViewModel {
    /** Same limit as the CLI batch and single-image inpaint: larger photos fail with a reason. */
    static final long MAX_PIXELS = ImageFiles.DEFAULT_MAX_PIXELS;
    public static final String REPORT_NAME = BatchJob.REPORT_NAME;

    /** What to do with outputs that already exist; one choice, so overwrite and resume cannot both be on. */
    public enum ExistingOutputs {
        KEEP("Keep them (skip the photo)"),
        OVERWRITE("Overwrite them"),
        RESUME("Resume: count them as finished");

        private final String label;

        ExistingOutputs(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** One line of the per-file list: what the table shows, already formatted. */
    public record FileRow(String file, String status, String time, String reason) {
    }

    /** Label of a row not finished yet. */
    public static final String WAITING = "waiting";

    private final TaskExecutor executor;
    private final Executor uiThread;
    private final EngineSource engines;

    private final StringProperty images = new SimpleStringProperty("");
    private final StringProperty masks = new SimpleStringProperty("");
    private final StringProperty sketches = new SimpleStringProperty("");
    private final StringProperty out = new SimpleStringProperty("");
    private final ObjectProperty<SaveOptions.Format> format = new SimpleObjectProperty<>(SaveOptions.Format.PNG);
    private final IntegerProperty quality = new SimpleIntegerProperty(92);
    private final ObjectProperty<Strategy> strategy = new SimpleObjectProperty<>(Strategy.CROP);
    private final ObjectProperty<FillEngine> engine = new SimpleObjectProperty<>(FillEngine.DEFAULT);
    private final ObjectProperty<ExistingOutputs> existing = new SimpleObjectProperty<>(ExistingOutputs.KEEP);

    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final BooleanProperty cancelRequested = new SimpleBooleanProperty(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Path> reportPath = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<BatchResult> result = new ReadOnlyObjectWrapper<>();
    private final ObservableList<FileRow> rows = FXCollections.observableArrayList();
    private final BooleanBinding canStart;

    // Written on the run's thread, read by cancel() on the UI thread.
    private volatile BatchJob job;
    private volatile boolean cancelFlag;
    private long startedNanos;
    /** Set when this run took over the lock of a run that ended; shown with the summary. UI thread. */
    private String lockNote;

    public BatchViewModel(TaskExecutor executor, Executor uiThread, EngineSource engines) {
        this.executor = executor;
        this.uiThread = uiThread;
        this.engines = engines;
        Observable[] inputs = {images, masks, sketches, out, quality, format};
        for (Observable o : inputs) {
            o.addListener(x -> validate());
        }
        validate();
        canStart = Bindings.isEmpty(problems).and(running.not());
    }

    public StringProperty imagesProperty() {
        return images;
    }

    public StringProperty masksProperty() {
        return masks;
    }

    public StringProperty sketchesProperty() {
        return sketches;
    }

    public StringProperty outProperty() {
        return out;
    }

    public ObjectProperty<SaveOptions.Format> formatProperty() {
        return format;
    }

    public IntegerProperty qualityProperty() {
        return quality;
    }

    public ObjectProperty<Strategy> strategyProperty() {
        return strategy;
    }

    /** The engine every file is filled with (hybrid, patch or model), as the editor's Fill offers. */
    public ObjectProperty<FillEngine> engineProperty() {
        return engine;
    }

    public ObjectProperty<ExistingOutputs> existingProperty() {
        return existing;
    }

    /** Why Start is refused now, one sentence each; empty when the settings are usable. */
    public ObservableList<String> problems() {
        return problems;
    }

    public BooleanBinding canStartProperty() {
        return canStart;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** True once Cancel was pressed during this run (the button shows it is waiting for the current file). */
    public BooleanProperty cancelRequestedProperty() {
        return cancelRequested;
    }

    /** 0..1 of files finished; -1 (indeterminate) while the model loads and the folders are planned. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** "3 of 10 files · 2 done, 1 failed · ETA 0:12". */
    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The JSON report of the last run, once written. */
    public ReadOnlyObjectProperty<Path> reportPathProperty() {
        return reportPath.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<BatchResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** One row per planned photo in input order, replaced as each file finishes. */
    public ObservableList<FileRow> rows() {
        return rows;
    }

    /** Rechecks the settings; runs on every edit so the dialog shows problems before Start is pressed. */
    void validate() {
        List<String> found = new ArrayList<>();
        Path imagesDir = path(images.get(), "images folder", found);
        Path masksPath = path(masks.get(), "masks folder or mask file", found);
        Path sketchesDir = sketches.get() == null || sketches.get().isBlank() ? null
                : path(sketches.get(), "sketches folder", found);
        Path outDir = path(out.get(), "output folder", found);
        if (imagesDir != null && !Files.isDirectory(imagesDir)) {
            found.add("The images folder " + imagesDir + " does not exist.");
        }
        if (masksPath != null && !Files.exists(masksPath)) {
            found.add("The masks folder or mask file " + masksPath + " does not exist.");
        }
        if (sketchesDir != null && !Files.isDirectory(sketchesDir)) {
            found.add("The sketches folder " + sketchesDir + " does not exist.");
        }
        if (outDir != null) {
            if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
                found.add("The output " + outDir + " is a file, not a folder.");
            }
            // Outputs are named after the photos, so in an input folder they could replace them.
            if (same(outDir, imagesDir)) {
                found.add("The output folder may not be the images folder: outputs named like the photos would replace them.");
            }
            if (same(outDir, masksPath)) {
                found.add("The output folder may not be the masks folder.");
            }
            if (same(outDir, sketchesDir)) {
                found.add("The output folder may not be the sketches folder.");
            }
        }
        if (quality.get() < 1 || quality.get() > 100) {
            found.add("The JPEG quality must be 1-100.");
        }
        problems.setAll(found);
    }

    private static Path path(String text, String what, List<String> found) {
        if (text == null || text.isBlank()) {
            found.add("Choose the " + what + ".");
            return null;
        }
        try {
            return Path.of(text.trim()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            found.add("The " + what + " is not a valid path: " + e.getMessage());
            return null;
        }
    }

    /** Same folder, also through symlinks when both exist (the runner's rule, checked early). */
    private static boolean same(Path a, Path b) {
        if (a == null || b == null) {
            return false;
        }
        if (a.equals(b)) {
            return true;
        }
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** The settings the runner gets, from the current fields; call only when {@link #problems()} is empty. */
    BatchSettings settings() {
        ExistingOutputs mode = existing.get();
        Path sketchesDir = sketches.get() == null || sketches.get().isBlank() ? null : Path.of(sketches.get().trim());
        return new BatchSettings(Path.of(images.get().trim()), Path.of(masks.get().trim()), sketchesDir,
                Path.of(out.get().trim()),
                new SaveOptions(format.get(), quality.get() / 100f, mode == ExistingOutputs.OVERWRITE),
                strategy.get(), mode == ExistingOutputs.RESUME, 1, 1, MAX_PIXELS, engine.get(), 0L);
    }

    /** Starts a run in the background if the settings are usable; returns false (and changes nothing) otherwise. */
    public boolean start() {
        validate();
        if (!canStart.get()) {
            return false;
        }
        BatchSettings settings = settings();
        cancelFlag = false;
        cancelRequested.set(false);
        job = null;
        lockNote = null;
        running.set(true);
        rows.clear();
        result.set(null);
        reportPath.set(null);
        summary.set("");
        progress.set(-1);
        progressText.set(startingText(settings));
        startedNanos = System.nanoTime();
        executor.execute(new BackgroundTask<>("Batch", () -> run(settings), this::finished, this::failed));
        return true;
    }

    /** Stops after the file being filled; the rest are marked cancelled and the report is still written. */
    public void cancel() {
        if (!running.get()) {
            return;
        }
        cancelFlag = true;
        cancelRequested.set(true);
        progressText.set(progressText.get() + " · cancelling after the current file…");
        BatchJob current = job;
        if (current != null) {
            current.cancel();
        }
    }

    /**
     * Background part: core's batch job, as {@code gatefill batch} runs it (the same write rule for outputs,
     * report and the model in use; OUT locked; the model loaded only for an engine that needs one). The
     * model is the editor's shared session, borrowed and left open for the editor to close.
     */
    private BatchJob.Outcome run(BatchSettings settings) throws Exception {
        ModelFiles files = engines.files();
        BatchJob prepared = BatchJob.prepare(settings, null, files == null ? null : files::protectIn,
                "editor batch dialog");
        job = prepared;
        if (cancelFlag) {
            prepared.cancel();
        }
        List<FileRow> waiting = prepared.items().stream()
                .map(i -> new FileRow(i.image().getFileName().toString(), WAITING, "", "")).toList();
        uiThread.execute(() -> rows.setAll(waiting));
        return prepared.run(() -> engines.open().engine().forBatch(() -> { }), new Listener());
    }

    private static String startingText(BatchSettings settings) {
        return settings.engine().needsModel() ? "Loading the model…" : "Planning the folders…";
    }

    /** Runner progress, moved onto the UI thread. */
    private final class Listener implements BatchListener {
        private final int[] counts = new int[FileStatus.values().length];

        @Override
        public void tookOverLock(String from) {
            String note = "Note: took over the lock of a run that ended (" + from
                    + "); choose Resume for existing outputs to keep what it finished.";
            uiThread.execute(() -> lockNote = note);
        }

        @Override
        public void finished(FileOutcome outcome, int finished, int total) {
            counts[outcome.status().ordinal()]++;
            String text = progressLine(finished, total, counts.clone(), System.nanoTime());
            FileRow row = row(outcome);
            int index = outcome.item().index();
            uiThread.execute(() -> {
                if (index < rows.size()) {
                    rows.set(index, row);
                }
                progress.set(total == 0 ? 1 : (double) finished / total);
                progressText.set(cancelFlag ? text + " · cancelling after the current file…" : text);
            });
        }
    }

    private String progressLine(int finished, int total, int[] counts, long now) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%d of %d files", finished, total));
        StringBuilder parts = new StringBuilder();
        for (FileStatus s : FileStatus.values()) {
            if (counts[s.ordinal()] > 0) {
                parts.append(parts.length() == 0 ? "" : ", ").append(counts[s.ordinal()]).append(' ').append(s.label());
            }
        }
        if (parts.length() > 0) {
            line.append(" · ").append(parts);
        }
        if (finished > 0 && finished < total) {
            // Average over the files so far (model loading included, so early estimates run high).
            double perFile = (now - startedNanos) / 1e9 / finished;
            line.append(" · ETA ").append(clock(perFile * (total - finished)));
        }
        return line.toString();
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    static FileRow row(FileOutcome o) {
        String reason = o.reason() != null ? o.reason() : String.join("; ", o.notes());
        String time = o.totalMs() == 0 ? "" : String.format(Locale.ROOT, "%.2f s", o.totalMs() / 1000.0);
        return new FileRow(o.item().image().getFileName().toString(), o.status().label(), time, reason);
    }

    private void finished(BatchJob.Outcome outcome) {
        BatchResult r = outcome.result();
        // Rows are final from the result itself, in case a progress callback was still queued.
        List<FileRow> last = r.outcomes().stream().map(BatchViewModel::row).toList();
        rows.setAll(last);
        progress.set(1);
        progressText.set(progressLine(r.outcomes().size(), r.outcomes().size(), countsOf(r), System.nanoTime())
                + (r.cancelled() ? " · cancelled" : ""));
        result.set(r);
        reportPath.set(outcome.report());
        String text = summaryText(r, outcome.report(), outcome.reportProblem());
        summary.set(lockNote == null ? text : lockNote + "\n" + text);
        running.set(false);
    }

    private static int[] countsOf(BatchResult r) {
        int[] counts = new int[FileStatus.values().length];
        r.counts().forEach((s, n) -> counts[s.ordinal()] = n);
        return counts;
    }

    static String summaryText(BatchResult r, Path report, String reportProblem) {
        StringBuilder text = new StringBuilder(r.summaryLine()).append('\n');
        for (FileOutcome o : r.outcomes()) {
            if (o.status() != FileStatus.DONE && o.status() != FileStatus.RESUMED && o.status() != FileStatus.CANCELLED) {
                text.append("  ").append(o.item().image().getFileName()).append(": ").append(o.status().label());
                if (o.reason() != null) {
                    text.append(" — ").append(o.reason());
                }
                text.append('\n');
            }
        }
        text.append(report != null ? "Report: " + report : "The report could not be written: " + reportProblem);
        return text.toString();
    }

    private void failed(Exception e) {
        String message = e instanceof BatchSetupException ? e.getMessage()
                : "The batch could not run: " + (e.getMessage() == null ? e.toString() : e.getMessage());
        progress.set(0);
        progressText.set("Not started");
        summary.set(message);
        running.set(false);
    }

    /** The report's JSON, for the dialog's "Show report" (read on the calling thread: it is small). */
    public String reportText() {
        Path p = reportPath.get();
        if (p == null) {
            return "";
        }
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "The report " + p + " cannot be read: " + e.getMessage();
        }
    }
}
