package io.gatefill.gui.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatefill.core.batch.BatchLock;
import io.gatefill.core.batch.FileStatus;
import io.gatefill.core.io.SaveOptions;
import io.gatefill.core.pipeline.FillEngine;
import io.gatefill.engine.ModelFiles;
import io.gatefill.engine.ModelLoadException;
import io.gatefill.engine.ModelProblem;
import io.gatefill.engine.ModelSession;
import io.gatefill.gui.task.CurrentThreadTaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch view model against the real runner and the fixture model, run on the test thread. */
class BatchViewModelTest {
    @TempDir
    Path dir;

    private static BatchViewModel viewModel(EngineSource engines) {
        return new BatchViewModel(new CurrentThreadTaskExecutor(), Runnable::run, engines);
    }

    private static void fill(BatchViewModel vm, BatchInputs in) {
        vm.imagesProperty().set(in.images.toString());
        vm.masksProperty().set(in.masks.toString());
        vm.outProperty().set(in.out.toString());
    }

    @Test
    void validationNamesMissingFoldersAndRefusesTheImagesFolderAsOutput() throws Exception {
        BatchInputs in = BatchInputs.create(dir, 1, false);
        BatchViewModel vm = viewModel(BatchInputs.fixtureEngine());
        assertThat(vm.problems()).contains("Choose the images folder.", "Choose the masks folder or mask file.",
                "Choose the output folder.");
        assertThat(vm.canStartProperty().get()).isFalse();

        vm.imagesProperty().set(dir.resolve("nowhere").toString());
        vm.masksProperty().set(in.masks.toString());
        vm.outProperty().set(in.images.toString());
        vm.sketchesProperty().set(dir.resolve("no-sketches").toString());
        assertThat(vm.problems()).anyMatch(p -> p.startsWith("The images folder") && p.endsWith("does not exist."))
                .anyMatch(p -> p.startsWith("The sketches folder"));

        vm.imagesProperty().set(in.images.toString());
        vm.sketchesProperty().set("");
        assertThat(vm.problems()).containsExactly(
                "The output folder may not be the images folder: outputs named like the photos would replace them.");
        // Through another spelling of the same folder, too.
        vm.outProperty().set(in.images.resolve("..").resolve("images").toString());
        assertThat(vm.problems()).hasSize(1);
        assertThat(vm.start()).isFalse();
        assertThat(in.out).doesNotExist();

        vm.outProperty().set(in.masks.toString());
        assertThat(vm.problems()).containsExactly("The output folder may not be the masks folder.");
        vm.outProperty().set(in.out.toString());
        vm.qualityProperty().set(0);
        assertThat(vm.problems()).containsExactly("The JPEG quality must be 1-100.");
        vm.qualityProperty().set(80);
        assertThat(vm.problems()).isEmpty();
        assertThat(vm.canStartProperty().get()).isTrue();
    }

    @Test
    void runsTheRealRunnerShowsEveryStatusAndWritesTheReport() throws Exception {
        BatchInputs in = BatchInputs.create(dir, 3, true);
        BatchViewModel vm = viewModel(BatchInputs.fixtureEngine());
        fill(vm, in);
        vm.formatProperty().set(SaveOptions.Format.JPEG);

        assertThat(vm.start()).isTrue();

        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.rows()).extracting(BatchViewModel.FileRow::file, BatchViewModel.FileRow::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("broken.png", "failed"),
                org.assertj.core.groups.Tuple.tuple("lonely.png", "no-mask"),
                org.assertj.core.groups.Tuple.tuple("p0.png", "done"),
                org.assertj.core.groups.Tuple.tuple("p1.png", "done"),
                org.assertj.core.groups.Tuple.tuple("p2.png", "done"));
        assertThat(vm.rows().get(0).reason()).isNotBlank();
        assertThat(vm.rows().get(1).reason()).contains("no mask named lonely");
        assertThat(vm.rows().get(2).time()).endsWith(" s");
        for (int i = 0; i < 3; i++) {
            assertThat(in.out.resolve("p" + i + ".jpg")).isRegularFile();
        }
        assertThat(in.out.resolve("broken.jpg")).doesNotExist();
        assertThat(vm.progressProperty().get()).isEqualTo(1.0);
        assertThat(vm.progressTextProperty().get()).startsWith("5 of 5 files").contains("3 done", "1 failed", "1 no-mask");

        Path report = in.out.resolve(BatchViewModel.REPORT_NAME);
        assertThat(vm.reportPathProperty().get()).isEqualTo(report);
        assertThat(report).isRegularFile();
        String json = vm.reportText();
        assertThat(json).contains("\"cancelled\" : false", "\"failed\" : 1", "\"done\" : 3", "broken.png",
                "\"format\" : \"jpeg\"", "editor batch dialog");
        assertThat(vm.summaryProperty().get()).startsWith("5 image(s) in").contains("3 done", "broken.png: failed",
                "Report: " + report);

        // Again with the outputs there: kept by default, then counted as finished with Resume.
        vm.start();
        assertThat(vm.resultProperty().get().count(FileStatus.SKIPPED_EXISTING)).isEqualTo(3);
        vm.existingProperty().set(BatchViewModel.ExistingOutputs.RESUME);
        vm.start();
        assertThat(vm.rows()).extracting(BatchViewModel.FileRow::status).containsExactly("failed", "no-mask",
                "resumed", "resumed", "resumed");
    }

    @Test
    void cancelStopsAfterTheCurrentFileAndStillWritesTheReport() throws Exception {
        BatchInputs in = BatchInputs.create(dir, 8, false);
        AtomicReference<BatchViewModel> ref = new AtomicReference<>();
        // The "UI thread" presses Cancel as soon as the first file shows as done.
        BatchViewModel vm = new BatchViewModel(new CurrentThreadTaskExecutor(), update -> {
            update.run();
            BatchViewModel self = ref.get();
            if (self.runningProperty().get() && !self.cancelRequestedProperty().get()
                    && self.rows().stream().anyMatch(r -> r.status().equals("done"))) {
                self.cancel();
            }
        }, BatchInputs.fixtureEngine());
        ref.set(vm);
        fill(vm, in);

        vm.start();

        var result = vm.resultProperty().get();
        assertThat(result.cancelled()).isTrue();
        assertThat(result.count(FileStatus.DONE)).isPositive();
        assertThat(result.count(FileStatus.CANCELLED)).isPositive();
        assertThat(result.count(FileStatus.DONE) + result.count(FileStatus.CANCELLED)).isEqualTo(8);
        for (var row : vm.rows()) {
            Path output = in.out.resolve(row.file());
            assertThat(Files.exists(output)).as(row.toString()).isEqualTo(row.status().equals("done"));
        }
        assertThat(vm.rows()).extracting(BatchViewModel.FileRow::status).endsWith("cancelled");
        assertThat(vm.summaryProperty().get()).contains("(cancelled)");
        assertThat(vm.reportText()).contains("\"cancelled\" : true");
        assertThat(vm.runningProperty().get()).isFalse();
    }

    @Test
    void anOutputFolderLockedByAnotherRunIsRefusedAsTheCommandLineRefusesIt() throws Exception {
        BatchInputs in = BatchInputs.create(dir, 1, false);
        Files.createDirectories(in.out);
        BatchViewModel vm = viewModel(BatchInputs.fixtureEngine());
        fill(vm, in);
        try (BatchLock other = BatchLock.acquire(in.out)) {
            assertThat(vm.start()).isTrue();
        }
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.summaryProperty().get()).contains("another batch run is writing into " + in.out);
        assertThat(in.out.resolve("p0.png")).doesNotExist();
    }

    @Test
    void aLockLeftByARunThatEndedIsTakenOverAndTheSummarySaysSo() throws Exception {
        BatchInputs in = BatchInputs.create(dir, 1, false);
        Files.createDirectories(in.out);
        Files.writeString(in.out.resolve(BatchLock.FILE_NAME), "pid 999999 started 2026-01-01T00:00:00Z\n");
        BatchViewModel vm = viewModel(BatchInputs.fixtureEngine());
        fill(vm, in);
        vm.engineProperty().set(FillEngine.PATCH);

        assertThat(vm.start()).isTrue();

        assertThat(vm.summaryProperty().get()).startsWith("Note: took over the lock of a run that ended (pid 999999");
        assertThat(in.out.resolve("p0.png")).isRegularFile();
        vm.start();
        assertThat(vm.summaryProperty().get()).as("only the run that took it over says so").doesNotContain("took over");
    }

    @Test
    void aModelThatCannotLoadEndsTheRunWithItsReason() throws Exception {
        BatchInputs in = BatchInputs.create(dir, 2, false);
        BatchViewModel vm = viewModel(() -> {
            throw new ModelLoadException(ModelProblem.MISSING_MODEL, "No model found in models/.");
        });
        fill(vm, in);
        assertThat(vm.start()).isTrue();
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.summaryProperty().get()).contains("No model found in models/.");
        assertThat(vm.rows()).extracting(BatchViewModel.FileRow::status).containsOnly(BatchViewModel.WAITING);
        assertThat(in.out.resolve("p0.png")).doesNotExist();
    }

    /** An engine source whose model is {@code model} and which fails the test if a run loads it. */
    private static EngineSource notToBeLoaded(Path model, AtomicInteger loads) {
        return new EngineSource() {
            @Override
            public ModelSession open() {
                loads.incrementAndGet();
                throw new AssertionError("the patch engine needs no model");
            }

            @Override
            public ModelFiles files() {
                return ModelFiles.of(model);
            }
        };
    }

    @Test
    void aPatchRunLoadsNoModelAndItsReportNamesNone() throws Exception {
        BatchInputs in = BatchInputs.create(dir, 2, false);
        AtomicInteger loads = new AtomicInteger();
        BatchViewModel vm = viewModel(notToBeLoaded(dir.resolve("models/m.pt"), loads));
        fill(vm, in);
        vm.engineProperty().set(FillEngine.PATCH);

        assertThat(vm.start()).isTrue();

        assertThat(loads).hasValue(0);
        assertThat(vm.resultProperty().get().count(FileStatus.DONE)).as(vm.summaryProperty().get()).isEqualTo(2);
        assertThat(vm.reportText()).contains("\"file\" : null", "\"device\" : \"cpu\"");
    }

    @Test
    void theReportMayNotOverwriteTheModelInUseAsTheCommandLineRefusesIt() throws Exception {
        BatchInputs in = BatchInputs.create(dir, 1, false);
        Files.createDirectories(in.out);
        // A model kept in OUT as gatefill-report.pt: its card has the report's name.
        Path card = Files.writeString(in.out.resolve(BatchViewModel.REPORT_NAME), "{\"the\": \"card\"}");
        BatchViewModel vm = viewModel(notToBeLoaded(in.out.resolve("gatefill-report.pt"), new AtomicInteger()));
        fill(vm, in);
        vm.engineProperty().set(FillEngine.PATCH);

        assertThat(vm.start()).isTrue();

        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.summaryProperty().get()).startsWith("Refusing to write " + card).contains("the model file");
        assertThat(card).hasContent("{\"the\": \"card\"}");
        assertThat(in.out.resolve("p0.png")).doesNotExist();
    }

    @Test
    void anOutputOverTheModelInUseIsRefused() throws Exception {
        BatchInputs in = BatchInputs.create(dir, 1, false);
        BatchViewModel vm = viewModel(notToBeLoaded(in.out.resolve("p0.png"), new AtomicInteger()));
        fill(vm, in);
        vm.engineProperty().set(FillEngine.PATCH);

        assertThat(vm.start()).isTrue();

        assertThat(vm.summaryProperty().get()).startsWith("Refusing to write").contains("the model file");
        assertThat(in.out.resolve("p0.png")).doesNotExist();
    }

    @Test
    void etaClockFormat() {
        assertThat(BatchViewModel.clock(5)).isEqualTo("0:05");
        assertThat(BatchViewModel.clock(125.4)).isEqualTo("2:05");
        assertThat(BatchViewModel.clock(3725)).isEqualTo("1:02:05");
    }
}
