package io.gatefill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatefill.core.raster.Rect;
import io.gatefill.testing.Fixture;
import io.gatefill.testing.Images;
import io.gatefill.testing.ShippedModel;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code gatefill inpaint} end to end: real PNG files and the real DJL engine. The main path runs as a
 * user types it, without {@code --model}, so the default lookup finds the shipped model; the refusals and
 * options run on the small fixture model.
 */
class InpaintCommandTest {
    // Odd sides (padding), and small: the shipped model takes about a second per fill on two threads.
    private static final int W = 253;
    private static final int H = 171;
    private static final Rect HOLE = new Rect(90, 60, 41, 37);

    @TempDir
    Path dir;
    Path image;
    Path mask;
    Path out;
    String model;

    @BeforeEach
    void files() throws Exception {
        image = Images.png(Images.photo(W, H), dir.resolve("photo.png"));
        mask = Images.png(Images.maskImage(W, H, HOLE), dir.resolve("mask.png"));
        out = dir.resolve("out.png");
        model = Fixture.model().toString();
    }

    /** The command without {@code --model}: the default model (models/, as for a user) is looked up. */
    private CliRun inpaintWithDefaultModel(String... extra) {
        String[] base = {"inpaint", "--image", image.toString(), "--mask", mask.toString(), "--out", out.toString(),
                "--threads", "2"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    /** The command on the fixture model. */
    private CliRun inpaint(String... extra) {
        String[] args = new String[extra.length + 2];
        args[0] = "--model";
        args[1] = model;
        System.arraycopy(extra, 0, args, 2, extra.length);
        return inpaintWithDefaultModel(args);
    }

    @Test
    void verbosePrintsWhereTheTimeWentPartByPart() {
        CliRun run = inpaint("--verbose");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern(
                "Timing: start [0-9.]+ s \\(cpu [0-9.]+\\), decode [0-9.]+ s \\(cpu [0-9.]+\\), load [0-9.]+ s "
                        + "\\(cpu [0-9.]+\\) \\(loaded in [0-9.]+ s beside decoding\\), fill [0-9.]+ s \\(cpu [0-9.]+\\), "
                        + "encode [0-9.]+ s \\(cpu [0-9.]+\\); total [0-9.]+ s");
        assertThat(inpaint("--overwrite").out()).doesNotContain("Timing:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"crop", "resize", "original"})
    void fillsOnlyTheHoleOfAnOddSizedImageWithTheDefaultModel(String strategy) throws Exception {
        ShippedModel.files(); // a missing or mismatching shipped model fails here with its own message
        CliRun run = inpaintWithDefaultModel("--strategy", strategy);

        assertThat(run.exitCode()).as(run.err()).isZero();
        BufferedImage before = Images.read(image);
        BufferedImage after = Images.read(out);
        assertThat(after.getWidth()).isEqualTo(W);
        assertThat(after.getHeight()).isEqualTo(H);
        int changed = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                boolean hole = x >= HOLE.x() && x < HOLE.x() + HOLE.width() && y >= HOLE.y() && y < HOLE.y() + HOLE.height();
                if (!hole) {
                    assertThat(after.getRGB(x, y)).as("outside the hole at %d,%d", x, y).isEqualTo(before.getRGB(x, y));
                } else if (after.getRGB(x, y) != before.getRGB(x, y)) {
                    changed++;
                }
            }
        }
        assertThat(changed).as("hole pixels changed").isGreaterThan(HOLE.width() * HOLE.height() * 9 / 10);
    }

    @Test
    void acceptsASketch() throws Exception {
        Path sketch = Images.png(Images.maskImage(W, H, new Rect(70, 78, 80, 2)), dir.resolve("sketch.png"));
        assertThat(inpaint("--sketch", sketch.toString()).exitCode()).isZero();
        assertThat(out).isRegularFile();
    }

    @Test
    void refusesToOverwriteUnlessAsked() throws Exception {
        Files.writeString(out, "keep me");
        CliRun refused = inpaint();
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.OUTPUT_REFUSED);
        assertThat(refused.err()).contains("already exists", "--overwrite");
        assertThat(Files.readString(out)).isEqualTo("keep me");

        assertThat(inpaint("--overwrite").exitCode()).isZero();
        assertThat(Images.read(out).getWidth()).isEqualTo(W);
    }

    @Test
    void semiTransparentPixelsOutsideTheHoleComeOutByteIdentical() throws Exception {
        // An 8-bit RGBA photo whose alpha runs 0-255 across: low alphas carry full-range colours.
        java.awt.image.BufferedImage ramp = new java.awt.image.BufferedImage(W, H,
                java.awt.image.BufferedImage.TYPE_4BYTE_ABGR);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                ramp.getRaster().setPixel(x, y, new int[] {(x * 3 + y) & 0xFF, 255 - y, (x * 7) & 0xFF, x * 255 / (W - 1)});
            }
        }
        javax.imageio.ImageIO.write(ramp, "png", image.toFile());

        CliRun run = inpaint();

        assertThat(run.exitCode()).as(run.err()).isZero();
        BufferedImage result = Images.read(out);
        int changed = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int[] p = ramp.getRaster().getPixel(x, y, (int[]) null);
                int expected = p[3] << 24 | p[0] << 16 | p[1] << 8 | p[2];
                if (!HOLE.expand(4).contains(x, y) && result.getRGB(x, y) != expected) {
                    changed++;
                }
            }
        }
        assertThat(changed).as("pixels changed outside the hole").isZero();
    }

    @Test
    void neverOverwritesTheInput() throws Exception {
        byte[] original = Files.readAllBytes(image);
        CliRun run = CliRun.of("inpaint", "--image", image.toString(), "--mask", mask.toString(), "--out",
                image.toString(), "--overwrite", "--model", model);
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OUTPUT_REFUSED);
        assertThat(run.err()).contains("Refusing to write " + image + ": it is the photo");
        assertThat(Files.readAllBytes(image)).isEqualTo(original);
    }

    @Test
    void maskOfAnotherSizeIsRefused() throws Exception {
        Images.png(Images.maskImage(W + 1, H, HOLE), mask);
        CliRun run = inpaint();
        assertThat(run.exitCode()).isEqualTo(ExitCodes.SIZE_MISMATCH);
        assertThat(run.err()).contains("254x171", "253x171");
        assertThat(out).doesNotExist();
    }

    @Test
    void emptyMaskIsRefused() throws Exception {
        Images.png(Images.maskImage(W, H), mask);
        CliRun run = inpaint();
        assertThat(run.exitCode()).isEqualTo(ExitCodes.EMPTY_MASK);
        assertThat(run.err()).contains("mask is empty");
        assertThat(out).doesNotExist();
    }

    @Test
    void allHoleMaskIsRefused() throws Exception {
        Images.png(Images.maskImage(W, H, new Rect(0, 0, W, H)), mask);
        CliRun run = inpaint();
        assertThat(run.exitCode()).isEqualTo(ExitCodes.ALL_HOLE);
        assertThat(run.err()).contains("whole image");
        assertThat(out).doesNotExist();
    }

    @Test
    void missingOrCorruptInputsAreReported() throws Exception {
        Files.delete(image);
        CliRun missing = inpaint();
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
        assertThat(missing.err()).contains("photo.png");

        Files.write(image, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        CliRun corrupt = inpaint();
        assertThat(corrupt.exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);

        Images.png(Images.photo(W, H), image);
        Files.writeString(mask, "not a mask");
        assertThat(inpaint().exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
        assertThat(out).doesNotExist();
    }

    @Test
    void unknownStrategyIsAUsageError() {
        CliRun run = inpaint("--strategy", "tile");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("crop, resize or original");
        assertThat(out).doesNotExist();
    }
}
