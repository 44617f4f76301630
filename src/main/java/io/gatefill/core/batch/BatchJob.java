package io.gatefill.core.batch;

import io.gatefill.core.concurrent.BackgroundLoad;
import io.gatefill.core.io.ImageFileException;
import io.gatefill.core.io.OutputRefusedException;
import io.gatefill.core.io.WriteGuard;
import io.gatefill.core.pipeline.InpaintPipeline;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One batch run from plan to report, the same for {@code gatefill batch} and the editor's batch window:
 * plan the folders, refuse the run when an output or the report would land on an input, on another
 * output or on a model file, lock OUT, load the model only when the engine needs one, run, write the
 * report. The shells only gather settings and show what happens.
 */
public final class BatchJob {
    /** The report's name in OUT when no other path is given. */
    public static final String REPORT_NAME = "gatefill-report.json";

    /** Loads the model for a run; called only when the run's engine needs one, after OUT is locked. */
    @FunctionalInterface
    public interface ModelLoader<E extends Exception> extends BackgroundLoad.Loader<Model, E> {
    }

    /**
     * What fills the files, and what the report says about it; {@code release} ends the run's hold on
     * it (closes a model the run loaded, nothing for a borrowed one).
     */
    public record Model(InpaintPipeline pipeline, String file, String name, String sha256, String device,
                        Runnable release) {
        /** The patch engine's: no model takes part. */
        public static Model none() {
            return new Model(InpaintPipeline.withoutModel(), null, null, null, "cpu", () -> { });
        }
    }

    /** The run's result and the report written ({@code report} null and {@code reportProblem} why when it was not). */
    public record Outcome(BatchResult result, Path report, String reportProblem) {
    }

    private final BatchSettings settings;
    private final List<BatchItem> items;
    private final Path report;
    private final String startedFrom;
    // cancel() may come from the UI thread or a shutdown hook while run() is on another thread.
    private volatile boolean cancelled;
    private volatile BatchRunner runner;

    private BatchJob(BatchSettings settings, List<BatchItem> items, Path report, String startedFrom) {
        this.settings = settings;
        this.items = items;
        this.report = report;
        this.startedFrom = startedFrom;
    }

    /**
     * Plans the run and checks every path it will write before anything is locked or loaded.
     *
     * @param report       the report file, or null for {@value #REPORT_NAME} in OUT
     * @param protectModel adds the model's files to the write rule (the one in use, even for a run
     *                     that does not load it); null when there is none
     * @param startedFrom  what the report names as the run's origin, or null
     */
    public static BatchJob prepare(BatchSettings settings, Path report, Consumer<WriteGuard> protectModel,
                                   String startedFrom) throws BatchSetupException {
        List<BatchItem> items = BatchPlanner.plan(settings);
        Path reportFile = report != null ? report : settings.out().resolve(REPORT_NAME);
        try {
            BatchPlanner.guard(items, settings, protectModel).check(reportFile);
        } catch (OutputRefusedException e) {
            throw new BatchSetupException(BatchSetupException.Kind.OUTPUT, e.getMessage());
        }
        return new BatchJob(settings, items, reportFile, startedFrom);
    }

    public List<BatchItem> items() {
        return items;
    }

    public Path report() {
        return report;
    }

    /**
     * Locks OUT (before the seconds-long model load, so a second run into it is refused at once), loads
     * the model if the engine needs one, runs every item and writes the report. The model loads on its
     * own thread while the first files decode; the first fill waits for it. A failed load fails the run
     * as before: nothing is filled, no report is written, and the loader's exception is thrown.
     */
    public <E extends Exception> Outcome run(ModelLoader<E> models, BatchListener listener)
            throws E, BatchSetupException {
        return run(models, listener, done -> Map.of());
    }

    /**
     * As {@link #run(ModelLoader, BatchListener)}, with {@code extra} entries for the report computed from
     * the finished result (the command's timing parts).
     */
    public <E extends Exception> Outcome run(ModelLoader<E> models, BatchListener listener,
                                             Function<BatchResult, Map<String, Object>> extra)
            throws E, BatchSetupException {
        BatchListener heard = listener == null ? BatchListener.NONE : listener;
        try (BatchLock lock = BatchLock.acquire(settings.out())) {
            if (lock.takenOverFrom() != null) {
                heard.tookOverLock(lock.takenOverFrom());
            }
            // Also when the run fails: the load must end (libtorch must not be mid-load at exit) and what
            // it loaded be released.
            try (BackgroundLoad<Model, E> loading = settings.engine().needsModel()
                    ? BackgroundLoad.start("gatefill-batch-model-load", models::load, m -> m.release().run())
                    : BackgroundLoad.<Model, E>completed(Model.none())) {
                BatchRunner r = new BatchRunner(settings, loading.future().thenApply(Model::pipeline), heard);
                runner = r;
                // Cancelled before the run started: nothing gets filled, every file says cancelled.
                if (cancelled) {
                    r.cancel();
                }
                BatchResult done = r.run(items);
                Model model = loading.get();
                try {
                    Map<String, Object> context = BatchReport.context(model.file(), model.name(), model.sha256(),
                            model.device(), settings, Math.round(settings.save().jpegQuality() * 100), startedFrom);
                    context.putAll(extra.apply(done));
                    BatchReport.write(report, done, context);
                    return new Outcome(done, report, null);
                } catch (ImageFileException e) {
                    return new Outcome(done, null, e.getMessage());
                }
            }
        }
    }

    /** Stops after the file being filled, also when called before the run or during the model load. */
    public void cancel() {
        cancelled = true;
        BatchRunner r = runner;
        if (r != null) {
            r.cancel();
        }
    }
}
