package io.gatefill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatefill.testing.Fixture;
import io.gatefill.testing.Images;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What batch may write and what it trusts: the report never lands on an input or an output, resume
 * verifies what it keeps, one run per output folder, bounded thread counts.
 */
class BatchSafetyTest {
    @TempDir
    Path dir;
    Path images;
    Path masks;
    Path out;
    Path model;

    @BeforeEach
    void folders() throws IOException {
        images = Files.createDirectories(dir.resolve("images"));
        masks = Files.createDirectories(dir.resolve("masks"));
        out = dir.resolve("out");
        // A copy, so that a run that wrongly writes over the model cannot damage the shared fixture.
        Path models = Files.createDirectories(dir.resolve("models"));
        try (Stream<Path> files = Files.list(Fixture.model().getParent())) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("fixture.")).toList()) {
                Files.copy(f, models.resolve(f.getFileName()));
            }
        }
        model = models.resolve("fixture.pt");
        BufferedImage photo = Images.photo(96, 64);
        Images.png(photo, images.resolve("a.png"));
        Images.png(photo, images.resolve("b.png"));
        Images.png(Images.maskImage(96, 64, BatchCommandTest.HOLE_A), masks.resolve("a.png"));
        Images.png(Images.maskImage(96, 64, BatchCommandTest.HOLE_B), masks.resolve("b.png"));
    }

    private CliRun batch(String... extra) {
        List<String> args = new ArrayList<>(List.of("batch", "--images", images.toString(), "--masks", masks.toString(),
                "--out", out.toString(), "--model", model.toString(), "--threads", "2"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    private JsonNode entry(String imageName) throws IOException {
        JsonNode report = new ObjectMapper().readTree(out.resolve("gatefill-report.json").toFile());
        for (JsonNode f : report.get("files")) {
            if (Path.of(f.get("image").asText()).getFileName().toString().equals(imageName)) {
                return f;
            }
        }
        throw new AssertionError("no report entry for " + imageName + " in " + report);
    }

    @ParameterizedTest
    @ValueSource(strings = {"photo", "mask", "model", "card", "gates", "photo-via-dotdot", "photo-via-symlink",
            "photo-via-hard-link", "planned-output"})
    void theReportIsNeverWrittenOverAnInputOrAPlannedOutput(String which) throws Exception {
        Path report = switch (which) {
            case "photo" -> images.resolve("a.png");
            case "mask" -> masks.resolve("b.png");
            case "model" -> model;
            case "card" -> model.resolveSibling("fixture.json");
            case "gates" -> model.resolveSibling("fixture.gates.pt");
            case "photo-via-dotdot" -> masks.resolve("../images/./a.png");
            case "photo-via-symlink" -> Files.createSymbolicLink(dir.resolve("report.json"), images.resolve("a.png"));
            case "photo-via-hard-link" -> Files.createLink(dir.resolve("report.json"), images.resolve("a.png"));
            default -> out.resolve("b.png");
        };
        Map<String, String> before = BatchCommandTest.hashes(images, masks, model.getParent());

        CliRun run = batch("--report", report.toString());

        assertThat(run.exitCode()).as(run.err() + run.out()).isEqualTo(ExitCodes.OUTPUT_REFUSED);
        assertThat(run.err()).contains("Refusing to write " + report);
        assertThat(BatchCommandTest.hashes(images, masks, model.getParent())).isEqualTo(before);
        assertThat(out.resolve("b.png")).doesNotExist();
    }

    @Test
    void resumeRedoesAnEmptiedOrTruncatedOutputAndSaysWhy() throws Exception {
        assertThat(batch().exitCode()).isZero();
        Files.write(out.resolve("a.png"), new byte[0]);
        byte[] b = Files.readAllBytes(out.resolve("b.png"));
        Files.write(out.resolve("b.png"), java.util.Arrays.copyOf(b, b.length / 2));

        CliRun resumed = batch("--resume");

        assertThat(resumed.exitCode()).as(resumed.err() + resumed.out()).isZero();
        assertThat(entry("a.png").get("status").asText()).isEqualTo("done");
        assertThat(entry("a.png").get("notes").toString()).contains("redone").contains("size");
        assertThat(entry("b.png").get("status").asText()).isEqualTo("done");
        assertThat(Images.read(out.resolve("a.png")).getWidth()).isEqualTo(96);
        assertThat(Files.readAllBytes(out.resolve("b.png"))).isEqualTo(b);
    }

    @Test
    void resumeRedoesAnOutputWhosePhotoChangedOrThatNoRunRecorded() throws Exception {
        assertThat(batch().exitCode()).isZero();
        // Another photo under the same name: the old output belongs to a photo that is no longer there.
        Images.png(Images.solid(96, 64, 0xFF2040A0), images.resolve("a.png"));
        Files.setLastModifiedTime(images.resolve("a.png"), java.nio.file.attribute.FileTime.fromMillis(1_000_000));
        Files.delete(out.resolve(".gatefill-batch-journal"));
        Files.writeString(out.resolve(".gatefill-batch-journal"), "");
        assertThat(batch("--resume").exitCode()).isZero();
        assertThat(entry("a.png").get("status").asText()).isEqualTo("done");
        assertThat(entry("a.png").get("notes").toString()).contains("redone").contains("no run recorded");

        Images.png(Images.solid(96, 64, 0xFF10A040), images.resolve("b.png"));
        Files.setLastModifiedTime(images.resolve("b.png"), java.nio.file.attribute.FileTime.fromMillis(2_000_000));
        assertThat(batch("--resume").exitCode()).isZero();
        assertThat(entry("a.png").get("status").asText()).isEqualTo("resumed");
        assertThat(entry("b.png").get("status").asText()).isEqualTo("done");
        assertThat(entry("b.png").get("notes").toString()).contains("redone").contains("photo changed");
    }

    @Test
    void aSecondRunIntoTheSameOutputFolderIsRefusedAtOnce() throws Exception {
        Files.createDirectories(out);
        Files.writeString(out.resolve("gatefill-report.json"), "{\"first run\": true}");
        try (FileChannel channel = FileChannel.open(out.resolve(".gatefill-batch.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock held = channel.lock()) {
            CliRun second = batch();
            assertThat(second.exitCode()).as(second.err() + second.out()).isEqualTo(ExitCodes.OUTPUT_REFUSED);
            assertThat(second.err()).contains("another batch run").contains(out.toString());
        }
        assertThat(out.resolve("a.png")).doesNotExist();
        assertThat(Files.readString(out.resolve("gatefill-report.json"))).isEqualTo("{\"first run\": true}");
    }

    @Test
    void aLockLeftByAKilledRunIsTakenOver() throws Exception {
        Files.createDirectories(out);
        Files.writeString(out.resolve(".gatefill-batch.lock"), "pid 999999 started 2026-01-01T00:00:00Z\n",
                StandardCharsets.UTF_8);
        CliRun run = batch();
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        assertThat(run.out()).contains("took over the lock of a run that ended (pid 999999");
        assertThat(out.resolve("a.png")).exists();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--images", "--masks", "--sketches"})
    void aFolderOptionGivenAFifoNamesWhatItIs(String option) throws Exception {
        Path fifo = dir.resolve("pipe");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        List<String> args = new ArrayList<>(List.of("batch", "--images", images.toString(), "--masks",
                masks.toString(), "--out", out.toString(), "--model", model.toString()));
        int at = args.indexOf(option);
        if (at < 0) {
            args.addAll(List.of(option, fifo.toString()));
        } else {
            args.set(at + 1, fifo.toString());
        }
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
        assertThat(run.err()).contains(fifo + " is a named pipe (FIFO)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--threads=100000", "--threads=-1", "--io-threads=100000", "--io-threads=-3"})
    void threadCountsOutsideTheirRangeAreRefusedWithTheRange(String option) {
        // A model that does not exist: a count that is not refused first gets exit 7 instead of 2.
        CliRun run = CliRun.of("batch", "--images", images.toString(), "--masks", masks.toString(),
                "--out", out.toString(), "--model", dir.resolve("none.pt").toString(), option);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).containsPattern("must be (0|1)-\\d+");
    }
}
