package io.gatefill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatefill.core.io.ImageFiles;
import io.gatefill.core.io.MemoryChild;
import io.gatefill.core.raster.Rect;
import io.gatefill.testing.ChildJvm;
import io.gatefill.testing.Fixture;
import io.gatefill.testing.Images;
import io.gatefill.testing.TestImages;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code gatefill inpaint} refusing what it must not read or write, each with its own message and
 * exit code: outputs onto the model, one size limit for photo, mask and sketch, running out of
 * memory, files that are not files, thread counts.
 */
class InputRefusalTest {
    private static final int W = 64;
    private static final int H = 48;

    @TempDir
    Path dir;
    Path image;
    Path mask;
    Path sketch;
    Path out;
    Path model;

    @BeforeEach
    void files() throws Exception {
        image = Images.png(Images.photo(W, H), dir.resolve("photo.png"));
        mask = Images.png(Images.maskImage(W, H, new Rect(10, 10, 20, 15)), dir.resolve("mask.png"));
        sketch = Images.png(Images.maskImage(W, H), dir.resolve("sketch.png"));
        out = dir.resolve("out.png");
        Path models = Files.createDirectories(dir.resolve("models"));
        for (String name : List.of("fixture.pt", "fixture.json", "fixture.gates.pt")) {
            Files.copy(Fixture.model().resolveSibling(name), models.resolve(name));
        }
        model = models.resolve("fixture.pt");
    }

    private CliRun inpaint(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("inpaint", "--image", image.toString(), "--mask",
                mask.toString(), "--sketch", sketch.toString(), "--out", out.toString(), "--model", model.toString(),
                "--threads", "2"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fixture.json", "fixture.gates.pt"})
    void theOutputIsNeverTheModelsCardOrGateView(String name) throws Exception {
        out = model.resolveSibling(name + ".png");
        Files.createLink(out, model.resolveSibling(name)); // the same file under a name ending in .png
        byte[] before = Files.readAllBytes(out);
        CliRun run = inpaint("--overwrite");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OUTPUT_REFUSED);
        assertThat(run.err()).contains("Refusing to write").contains("the model file");
        assertThat(Files.readAllBytes(model.resolveSibling(name))).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"image", "mask", "sketch"})
    void photoMaskAndSketchShareOneSizeLimitCheckedFromTheHeader(String which) throws Exception {
        // 110 MP: between the old mask limit (100 MP) and the old photo limit (120 MP). Header only,
        // so a file that is decoded before being refused fails as "damaged" instead.
        Path big = TestImages.headerOnlyPng(dir.resolve("big-" + which + ".png"), 11_000, 10_000);
        switch (which) {
            case "image" -> image = big;
            case "mask" -> mask = big;
            default -> sketch = big;
        }
        CliRun run = inpaint();
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.TOO_LARGE);
        assertThat(run.err()).contains("big-" + which + ".png is 11000x10000 (110.0 megapixels), above the limit of "
                + ImageFiles.DEFAULT_MAX_PIXELS / 1_000_000 + ".0 megapixels");
    }

    @Test
    void strategyOriginalRefusesAnOversizedPhotoFromItsHeaderBeforeDecodingIt() throws Exception {
        image = TestImages.headerOnlyPng(dir.resolve("wide.png"), 3000, 2000);
        CliRun run = inpaint("--strategy", "original");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.TOO_LARGE);
        assertThat(run.err()).contains("wide.png").contains("3000x2000").contains("--strategy original");
    }

    @Test
    void runningOutOfMemoryIsReportedAsSuchWithWhatItNeedsAndHowToGiveMore() throws Exception {
        BufferedImage flat = new BufferedImage(4000, 3000, BufferedImage.TYPE_INT_RGB); // 12 MP, compresses to little
        Path photo = dir.resolve("big-but-good.png");
        ImageIO.write(flat, "png", photo.toFile());

        ChildJvm.Result child = ChildJvm.run("true", List.of("-Xmx24m"), MemoryChild.class.getName(), photo.toString());

        assertThat(child.output()).as(child.output()).doesNotContain("damaged").doesNotContain("LOADED")
                .contains("Not enough memory to open big-but-good.png")
                .containsPattern("needs about \\d+ MB")
                .contains("-Xmx");
    }

    @ParameterizedTest
    @CsvSource({"image, folder, is a folder", "mask, fifo, is a named pipe (FIFO)", "sketch, device, is a device",
            "image, loop, is a symbolic link loop", "mask, dangling, is a symbolic link to a missing file",
            "image, missing, does not exist"})
    void aPathThatIsNotAnImageFileIsNamedForWhatItIs(String which, String kind, String expected) throws Exception {
        Path odd = dir.resolve("odd-" + kind);
        switch (kind) {
            case "folder" -> Files.createDirectory(odd);
            case "fifo" -> assertThat(new ProcessBuilder("mkfifo", odd.toString()).start().waitFor()).isZero();
            case "device" -> odd = Path.of("/dev/null");
            case "loop" -> {
                Files.createSymbolicLink(odd, dir.resolve("odd-loop-2"));
                Files.createSymbolicLink(dir.resolve("odd-loop-2"), odd);
            }
            case "dangling" -> Files.createSymbolicLink(odd, dir.resolve("gone.png"));
            default -> { }
        }
        switch (which) {
            case "image" -> image = odd;
            case "mask" -> mask = odd;
            default -> sketch = odd;
        }
        CliRun run = inpaint();
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
        assertThat(run.err()).contains(odd + " " + expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"100000", "257", "-1"})
    void threadCountsOutsideTheRangeAreRefusedBeforeAnythingLoads(String threads) {
        CliRun run = CliRun.of("inpaint", "--image", image.toString(), "--mask", mask.toString(), "--out",
                out.toString(), "--model", dir.resolve("none.pt").toString(), "--threads", threads);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--threads must be 0-256, not " + threads);
    }
}
