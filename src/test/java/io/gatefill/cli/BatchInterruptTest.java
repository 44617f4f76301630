package io.gatefill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatefill.core.raster.Rect;
import io.gatefill.testing.Fixture;
import io.gatefill.testing.Images;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interrupts a real batch process (a child JVM running {@code gatefill batch} with the fixture model)
 * after its first outputs appear, by SIGKILL and by SIGTERM, and checks that nothing is lost,
 * duplicated or half-written and that {@code --resume} finishes the rest.
 */
class BatchInterruptTest {
    static final int COUNT = 10;
    static final int SIZE = 384;

    @TempDir
    Path dir;
    Path images;
    Path masks;
    Path out;

    @BeforeEach
    void inputs() throws IOException {
        images = Files.createDirectories(dir.resolve("images"));
        masks = Files.createDirectories(dir.resolve("masks"));
        out = dir.resolve("out");
        BufferedImage photo = Images.photo(SIZE, SIZE);
        for (int i = 0; i < COUNT; i++) {
            String stem = String.format("img%02d", i);
            Images.png(photo, images.resolve(stem + ".png"));
            Images.png(Images.maskImage(SIZE, SIZE, new Rect(40 + 20 * i, 60, 80, 90)), masks.resolve(stem + ".png"));
        }
    }

    private Process start(String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), "io.gatefill.Main",
                "batch", "--images", images.toString(), "--masks", masks.toString(), "--out", out.toString(),
                "--model", Fixture.model().toAbsolutePath().toString(), "--strategy", "original", "--threads", "1"));
        command.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child-" + System.nanoTime() + ".log").toFile());
        pb.environment().put("DJL_OFFLINE", "true");
        pb.environment().put("OPT_OUT_TRACKING", "true");
        return pb.start();
    }

    /** Waits until at least one finished output is visible, then returns the names seen. */
    private List<String> awaitFirstOutputs(Process child) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            List<String> done = outputs();
            if (!done.isEmpty()) {
                return done;
            }
            assertThat(child.isAlive()).as("child exited early: " + logs()).isTrue();
            Thread.sleep(10);
        }
        throw new AssertionError("no output within 120 s: " + logs());
    }

    private List<String> outputs() throws IOException {
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(out)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png") && !n.startsWith("."))
                    .sorted().toList();
        }
    }

    private String logs() throws IOException {
        StringBuilder s = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
                s.append(Files.readString(p));
            }
        }
        return s.toString();
    }

    private Map<String, byte[]> snapshot() throws IOException {
        Map<String, byte[]> map = new HashMap<>();
        for (String name : outputs()) {
            map.put(name, Files.readAllBytes(out.resolve(name)));
        }
        return map;
    }

    @Test
    void killedMidRunThenResumedLosesNothingDuplicatesNothingAndLeavesNoHalfFiles() throws Exception {
        Process child = start();
        awaitFirstOutputs(child);
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Map<String, byte[]> afterKill = snapshot();
        assertThat(afterKill.size()).as("the kill must land mid-run to test anything").isBetween(1, COUNT - 1);
        for (String name : afterKill.keySet()) {
            assertThat(Images.read(out.resolve(name)).getWidth()).as(name + " decodes").isEqualTo(SIZE);
        }

        Process resumed = start("--resume");
        assertThat(resumed.waitFor(180, TimeUnit.SECONDS)).as(logs()).isTrue();
        assertThat(resumed.exitValue()).as(logs()).isEqualTo(ExitCodes.OK);

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            expected.add(String.format("img%02d.png", i));
        }
        assertThat(outputs()).containsExactlyElementsOf(expected);
        for (String name : expected) {
            assertThat(Images.read(out.resolve(name)).getWidth()).as(name + " decodes").isEqualTo(SIZE);
        }
        // Outputs finished before the kill were kept, not redone.
        for (var e : afterKill.entrySet()) {
            assertThat(Files.readAllBytes(out.resolve(e.getKey()))).as(e.getKey()).isEqualTo(e.getValue());
        }
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".part"))).isEmpty();
        }
        JsonNode report = new ObjectMapper().readTree(out.resolve("gatefill-report.json").toFile());
        // An output the kill caught between its publish and its journal entry is unverified, so it
        // is redone (to the same bytes, checked above) and says so; at most one per encoder thread.
        int unrecorded = 0;
        for (JsonNode f : report.get("files")) {
            if (f.get("notes").toString().contains("redone: no run recorded")) {
                unrecorded++;
            }
        }
        assertThat(unrecorded).isLessThanOrEqualTo(1);
        assertThat(report.get("summary").get("resumed").asInt()).isEqualTo(afterKill.size() - unrecorded);
        assertThat(report.get("summary").get("done").asInt()).isEqualTo(COUNT - afterKill.size() + unrecorded);
        assertThat(report.get("summary").get("failed").asInt()).isZero();
    }

    @Test
    void sigtermStopsAfterTheCurrentFileAndWritesTheReport() throws Exception {
        Process child = start();
        awaitFirstOutputs(child);
        child.destroy();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(logs()).isEqualTo(143);

        JsonNode report = new ObjectMapper().readTree(out.resolve("gatefill-report.json").toFile());
        assertThat(report.get("cancelled").asBoolean()).isTrue();
        int done = report.get("summary").get("done").asInt();
        int cancelled = report.get("summary").get("cancelled").asInt();
        assertThat(done).isPositive();
        assertThat(cancelled).isPositive();
        assertThat(done + cancelled).isEqualTo(COUNT);
        assertThat(outputs()).hasSize(done);
        for (String name : outputs()) {
            assertThat(Images.read(out.resolve(name)).getWidth()).isEqualTo(SIZE);
        }
        for (JsonNode f : report.get("files")) {
            boolean exists = Files.exists(Path.of(f.get("output").asText()));
            assertThat(exists).as(f.toString()).isEqualTo(f.get("status").asText().equals("done"));
        }
    }
}
