package io.gatefill.core.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatefill.core.io.SaveOptions;
import io.gatefill.core.pipeline.FillEngine;
import io.gatefill.core.pipeline.InpaintPipeline;
import io.gatefill.core.pipeline.Inpainter;
import io.gatefill.core.pipeline.PipelineSettings;
import io.gatefill.core.pipeline.Strategy;
import io.gatefill.core.raster.Rect;
import io.gatefill.testing.Images;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch runner with a stand-in model: planning rules, cancel semantics, and pipelined equal to sequential. */
class BatchRunnerTest {
    /** Paints the prediction a flat colour, so outputs are deterministic and fast. */
    static final Inpainter FLAT = input ->
            Images.solid(input.image().getWidth(), input.image().getHeight(), 0xFF336699);

    @TempDir
    Path dir;
    Path images;
    Path masks;

    @BeforeEach
    void inputs() throws Exception {
        images = Files.createDirectories(dir.resolve("images"));
        masks = Files.createDirectories(dir.resolve("masks"));
        for (int i = 0; i < 6; i++) {
            Images.png(Images.photo(64, 48), images.resolve("p" + i + ".png"));
            Images.png(Images.maskImage(64, 48, new Rect(8 + i, 8, 16, 16)), masks.resolve("p" + i + ".png"));
        }
    }

    private BatchSettings settings(Path out, int threads) {
        return new BatchSettings(images, masks, null, out, SaveOptions.png(), Strategy.ORIGINAL, false, threads, threads,
                Long.MAX_VALUE, FillEngine.MODEL, 0L);
    }

    private static InpaintPipeline pipeline() {
        return new InpaintPipeline(FLAT, PipelineSettings.defaults());
    }

    @Test
    void theRunnerItselfRefusesAnOutputThatIsAnInputWhicheverShellPlannedIt() throws Exception {
        BatchSettings settings = settings(dir.resolve("out"), 0);
        List<BatchItem> planned = BatchPlanner.plan(settings);
        BatchItem first = planned.get(0);
        // A plan whose output is a photo (a link, a hand-made plan): nothing may run, nothing is written.
        List<BatchItem> unsafe = List.of(new BatchItem(0, first.image(), first.mask(), null, first.image()));
        byte[] photo = Files.readAllBytes(first.image());
        assertThatThrownBy(() -> new BatchRunner(settings, pipeline(), null).run(unsafe))
                .isInstanceOf(BatchSetupException.class).hasMessageContaining("it is the photo");
        assertThat(Files.readAllBytes(first.image())).isEqualTo(photo);
    }

    @Test
    void pipelinedAndSequentialRunsWriteIdenticalFiles() throws Exception {
        BatchSettings seq = settings(dir.resolve("seq"), 0);
        BatchSettings par = settings(dir.resolve("par"), 2);
        BatchResult a = new BatchRunner(seq, pipeline(), null).run(BatchPlanner.plan(seq));
        BatchResult b = new BatchRunner(par, pipeline(), null).run(BatchPlanner.plan(par));
        assertThat(a.count(FileStatus.DONE)).isEqualTo(6);
        assertThat(b.count(FileStatus.DONE)).isEqualTo(6);
        for (int i = 0; i < 6; i++) {
            String name = "p" + i + ".png";
            assertThat(Files.readAllBytes(dir.resolve("par").resolve(name)))
                    .isEqualTo(Files.readAllBytes(dir.resolve("seq").resolve(name)));
        }
        assertThat(b.outcomes()).extracting(o -> o.item().index()).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void aModelThatFailsToLoadFillsNothingAndTheListenerHearsOfNoFile() throws Exception {
        for (int threads : new int[] {0, 2}) {
            BatchSettings s = settings(dir.resolve("out" + threads), threads);
            List<FileOutcome> heard = Collections.synchronizedList(new ArrayList<>());
            BatchRunner runner = new BatchRunner(s, CompletableFuture.failedFuture(new IllegalStateException("no model")),
                    new BatchListener() {
                        @Override
                        public void finished(FileOutcome outcome, int finished, int total) {
                            heard.add(outcome);
                        }
                    });
            BatchResult result = runner.run(BatchPlanner.plan(s));
            assertThat(result.count(FileStatus.CANCELLED)).as("threads %d", threads).isEqualTo(6);
            assertThat(heard).as("the files were never tried; the caller reports the load's failure").isEmpty();
            assertThat(s.out().resolve("p0.png")).doesNotExist();
        }
    }

    @Test
    void cancelFinishesTheCurrentFileAndCancelsTheRest() throws Exception {
        BatchSettings s = settings(dir.resolve("out"), 1);
        AtomicReference<BatchRunner> runner = new AtomicReference<>();
        runner.set(new BatchRunner(s, pipeline(), new BatchListener() {
            @Override
            public void finished(FileOutcome outcome, int finished, int total) {
                runner.get().cancel();
            }
        }));
        BatchResult result = runner.get().run(BatchPlanner.plan(s));
        assertThat(result.cancelled()).isTrue();
        int done = result.count(FileStatus.DONE);
        // Files already filled when the cancel came are written, not thrown away: the one the encoder
        // held, those queued for it, and the one the fill thread was working on.
        assertThat(done).isBetween(1, 2 + BatchRunner.QUEUE_DEPTH);
        assertThat(result.count(FileStatus.CANCELLED)).isEqualTo(6 - done);
        for (FileOutcome o : result.outcomes()) {
            assertThat(Files.exists(o.item().output())).isEqualTo(o.status() == FileStatus.DONE);
        }
    }

    @Test
    void staleTemporaryFilesOfPlannedOutputsAreRemovedAndOthersKept() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve(".p0.png.12345.part"), "half");
        Files.writeString(out.resolve(".someone-else.part"), "not ours");
        BatchSettings s = settings(out, 1);
        BatchResult result = new BatchRunner(s, pipeline(), null).run(BatchPlanner.plan(s));
        assertThat(result.removedPartFiles()).containsExactly(".p0.png.12345.part");
        assertThat(out.resolve(".someone-else.part")).exists();
    }

    @Test
    void sameStemInTwoFormatsGetsDistinctOutputNames() throws Exception {
        Images.png(Images.photo(64, 48), images.resolve("p1.bmp.png"));
        Files.copy(images.resolve("p1.png"), images.resolve("p1.bmp"));
        List<BatchItem> items = BatchPlanner.plan(settings(dir.resolve("out"), 1));
        assertThat(items).extracting(i -> i.output().getFileName().toString()).doesNotHaveDuplicates()
                .hasSize(8).contains("p1.png.png", "p1.bmp.png", "p0.png");
    }

    @Test
    void resumeAndOverwriteExcludeEachOther() {
        assertThatThrownBy(() -> new BatchSettings(images, masks, null, dir, SaveOptions.png().withOverwrite(true),
                Strategy.CROP, true, 1, 1, 1, FillEngine.MODEL, 0L)).isInstanceOf(IllegalArgumentException.class);
    }
}
