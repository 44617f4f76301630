package io.gatefill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatefill.core.batch.BatchJob;
import io.gatefill.core.io.ImageFiles;
import io.gatefill.core.io.ImageMetadata;
import io.gatefill.core.io.LoadedImage;
import io.gatefill.core.io.SaveOptions;
import io.gatefill.core.raster.Rect;
import io.gatefill.testing.Fixture;
import io.gatefill.testing.Images;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end {@code gatefill batch} runs with the fixture model on real files: matching, robustness, report, codes. */
class BatchCommandTest {
    static final Rect HOLE_A = new Rect(20, 16, 24, 20);
    static final Rect HOLE_B = new Rect(60, 30, 20, 20);

    @TempDir
    Path dir;
    Path images;
    Path masks;
    Path out;

    @BeforeEach
    void folders() throws IOException {
        images = Files.createDirectories(dir.resolve("images"));
        masks = Files.createDirectories(dir.resolve("masks"));
        out = dir.resolve("out");
    }

    private CliRun batch(String... extra) {
        List<String> args = new ArrayList<>(List.of("batch", "--images", images.toString(), "--masks", masks.toString(),
                "--out", out.toString(), "--model", Fixture.model().toString(), "--threads", "2"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    private JsonNode report() throws IOException {
        return new ObjectMapper().readTree(out.resolve("gatefill-report.json").toFile());
    }

    private static JsonNode entry(JsonNode report, String imageName) {
        for (JsonNode f : report.get("files")) {
            if (Path.of(f.get("image").asText()).getFileName().toString().equals(imageName)) {
                return f;
            }
        }
        throw new AssertionError("no report entry for " + imageName + " in " + report);
    }

    @Test
    void masksAreMatchedByStemAndTheReportListsEveryFileWhileInputsStayUntouched() throws Exception {
        BufferedImage photo = Images.photo(96, 64);
        Images.png(photo, images.resolve("a.png"));
        Images.png(photo, images.resolve("b.png"));
        Images.png(photo, images.resolve("c.png"));
        Images.png(Images.maskImage(96, 64, HOLE_A), masks.resolve("a.png"));
        Images.png(Images.maskImage(96, 64, HOLE_B), masks.resolve("b.png"));
        Files.writeString(images.resolve("notes.txt"), "not an image, ignored");
        Map<String, String> before = hashes(dir.resolve("images"), dir.resolve("masks"));

        CliRun run = batch();

        assertThat(run.exitCode()).as(run.err() + run.out()).isEqualTo(BatchExitCodes.FILES_WITHOUT_MASK);
        BufferedImage a = Images.read(out.resolve("a.png"));
        BufferedImage b = Images.read(out.resolve("b.png"));
        assertThat(out.resolve("c.png")).doesNotExist();
        // Each output changed inside its own hole only: a's hole is untouched in b and the reverse.
        assertThat(differsInside(photo, a, HOLE_A)).isTrue();
        assertThat(differsOutside(photo, a, HOLE_A)).isFalse();
        assertThat(differsInside(photo, b, HOLE_B)).isTrue();
        assertThat(differsOutside(photo, b, HOLE_B)).isFalse();
        assertThat(hashes(dir.resolve("images"), dir.resolve("masks"))).isEqualTo(before);

        JsonNode report = report();
        assertThat(report.get("summary").get("total").asInt()).isEqualTo(3);
        assertThat(report.get("summary").get("done").asInt()).isEqualTo(2);
        assertThat(report.get("summary").get("no-mask").asInt()).isEqualTo(1);
        assertThat(report.get("model").get("sha256").asText()).hasSize(64);
        assertThat(report.get("settings").get("format").asText()).isEqualTo("png");
        JsonNode timing = report.get("timing");
        for (String part : new String[] {"start_ms", "load_background_ms", "files_ms", "decode_median_ms", "fill_median_ms",
                "encode_median_ms"}) {
            assertThat(timing.get(part)).as("timing %s in %s", part, timing).isNotNull();
            assertThat(timing.get(part).asLong()).as(part).isNotNegative();
        }
        JsonNode ea = entry(report, "a.png");
        assertThat(ea.get("status").asText()).isEqualTo("done");
        assertThat(ea.get("mask").asText()).endsWith("a.png");
        assertThat(ea.get("output").asText()).isEqualTo(out.resolve("a.png").toString());
        assertThat(ea.get("seconds").asDouble()).isPositive();
        assertThat(ea.get("reason").isNull()).isTrue();
        JsonNode ec = entry(report, "c.png");
        assertThat(ec.get("status").asText()).isEqualTo("no-mask");
        assertThat(ec.get("reason").asText()).contains("no mask named c.*");
        assertThat(run.out()).contains("2 done").contains("1 no-mask");
    }

    @Test
    void oneMaskAppliesToEveryImageAndIsScaledNearestNeighbourForOtherSizesWithANote() throws Exception {
        BufferedImage small = Images.photo(96, 64);
        BufferedImage big = Images.photo(192, 128);
        Images.png(small, images.resolve("small.png"));
        Images.png(big, images.resolve("big.png"));
        Path mask = Images.png(Images.maskImage(96, 64, HOLE_A), dir.resolve("one-mask.png"));

        CliRun run = CliRun.of("batch", "--images", images.toString(), "--masks", mask.toString(), "--out", out.toString(),
                "--model", Fixture.model().toString());

        assertThat(run.exitCode()).as(run.err() + run.out()).isEqualTo(ExitCodes.OK);
        Rect scaled = new Rect(HOLE_A.x() * 2, HOLE_A.y() * 2, HOLE_A.width() * 2, HOLE_A.height() * 2);
        BufferedImage bigOut = Images.read(out.resolve("big.png"));
        assertThat(differsInside(big, bigOut, scaled)).isTrue();
        assertThat(differsOutside(big, bigOut, scaled)).isFalse();
        BufferedImage smallOut = Images.read(out.resolve("small.png"));
        assertThat(differsOutside(small, smallOut, HOLE_A)).isFalse();
        JsonNode report = report();
        assertThat(entry(report, "big.png").get("notes").get(0).asText())
                .isEqualTo("mask 96x64 scaled to 192x128 (nearest neighbour)");
        assertThat(entry(report, "small.png").get("notes")).isEmpty();
    }

    @Test
    void emptyTruncatedAndNonImageFilesFailWithTheirReasonsWhileTheOthersFinish() throws Exception {
        BufferedImage photo = Images.photo(96, 64);
        Images.png(photo, images.resolve("good1.png"));
        Images.png(photo, images.resolve("good2.png"));
        Files.write(images.resolve("empty.png"), new byte[0]);
        Path jpeg = images.resolve("cut.jpg");
        ImageFiles.save(photo, jpeg, new SaveOptions(SaveOptions.Format.JPEG, 0.9f, false), ImageMetadata.NONE);
        byte[] whole = Files.readAllBytes(jpeg);
        Files.write(jpeg, java.util.Arrays.copyOf(whole, whole.length / 2));
        Files.writeString(images.resolve("text.png"), "this is not a PNG at all", StandardCharsets.UTF_8);
        for (String stem : List.of("good1", "good2", "empty", "cut", "text")) {
            Images.png(Images.maskImage(96, 64, HOLE_A), masks.resolve(stem + ".png"));
        }

        CliRun run = batch();

        assertThat(run.exitCode()).as(run.err() + run.out()).isEqualTo(BatchExitCodes.FILES_FAILED);
        assertThat(Images.read(out.resolve("good1.png")).getWidth()).isEqualTo(96);
        assertThat(Images.read(out.resolve("good2.png")).getWidth()).isEqualTo(96);
        JsonNode report = report();
        assertThat(entry(report, "empty.png").get("status").asText()).isEqualTo("failed");
        assertThat(entry(report, "empty.png").get("reason").asText()).contains("empty (0 bytes)");
        assertThat(entry(report, "cut.jpg").get("status").asText()).isEqualTo("failed");
        assertThat(entry(report, "cut.jpg").get("reason").asText()).containsAnyOf("truncated", "damaged");
        assertThat(entry(report, "text.png").get("status").asText()).isEqualTo("failed");
        assertThat(entry(report, "text.png").get("reason").asText()).contains("not an image");
        assertThat(report.get("summary").get("failed").asInt()).isEqualTo(3);
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("good1.png", "good2.png", "gatefill-report.json", ".gatefill-batch-journal",
                            ".gatefill-batch.lock");
        }
    }

    @Test
    void existingOutputsAreKeptWithoutOverwriteAndReplacedWithIt() throws Exception {
        twoImages();
        assertThat(batch().exitCode()).isEqualTo(ExitCodes.OK);
        byte[] marker = "a file the user made".getBytes(StandardCharsets.UTF_8);
        Files.write(out.resolve("a.png"), marker);

        CliRun again = batch();
        assertThat(again.exitCode()).as(again.err() + again.out()).isEqualTo(BatchExitCodes.EXISTING_KEPT);
        assertThat(Files.readAllBytes(out.resolve("a.png"))).isEqualTo(marker);
        assertThat(entry(report(), "a.png").get("status").asText()).isEqualTo("skipped-existing");
        assertThat(entry(report(), "a.png").get("reason").asText()).contains("--overwrite");

        CliRun both = batch("--overwrite", "--resume");
        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(Files.readAllBytes(out.resolve("a.png"))).isEqualTo(marker);

        CliRun replaced = batch("--overwrite");
        assertThat(replaced.exitCode()).as(replaced.err()).isEqualTo(ExitCodes.OK);
        assertThat(Images.read(out.resolve("a.png")).getWidth()).isEqualTo(96);
        assertThat(entry(report(), "a.png").get("status").asText()).isEqualTo("done");
    }

    @Test
    void resumeKeepsFinishedOutputsAndDoesTheRest() throws Exception {
        twoImages();
        assertThat(batch().exitCode()).isEqualTo(ExitCodes.OK);
        byte[] first = Files.readAllBytes(out.resolve("a.png"));
        Files.delete(out.resolve("b.png"));

        CliRun resumed = batch("--resume");

        assertThat(resumed.exitCode()).as(resumed.err() + resumed.out()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readAllBytes(out.resolve("a.png"))).isEqualTo(first);
        JsonNode report = report();
        assertThat(entry(report, "a.png").get("status").asText()).isEqualTo("resumed");
        assertThat(entry(report, "a.png").get("notes").get(0).asText()).isEqualTo("finished by an earlier run");
        assertThat(entry(report, "b.png").get("status").asText()).isEqualTo("done");
        assertThat(Images.read(out.resolve("b.png")).getWidth()).isEqualTo(96);
        assertThat(report.get("settings").get("resume").asBoolean()).isTrue();
    }

    @Test
    void theOutputFolderMayNotBeAnInputFolder() throws Exception {
        twoImages();
        Map<String, String> before = hashes(images, masks);
        CliRun sameAsImages = CliRun.of("batch", "--images", images.toString(), "--masks", masks.toString(),
                "--out", images.toString(), "--model", Fixture.model().toString(), "--format", "same");
        CliRun sameAsMasks = CliRun.of("batch", "--images", images.toString(), "--masks", masks.toString(),
                "--out", masks.resolve(".").toString(), "--model", Fixture.model().toString());
        assertThat(sameAsImages.exitCode()).isEqualTo(ExitCodes.OUTPUT_REFUSED);
        assertThat(sameAsImages.err()).contains("is an input folder");
        assertThat(sameAsMasks.exitCode()).isEqualTo(ExitCodes.OUTPUT_REFUSED);
        assertThat(hashes(images, masks)).isEqualTo(before);
    }

    @Test
    void setupErrorsHaveTheirOwnExitCodes() throws Exception {
        CliRun noImages = batch();
        assertThat(noImages.exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
        assertThat(noImages.err()).contains("No images");
        twoImages();
        assertThat(CliRun.of("batch", "--images", dir.resolve("missing").toString(), "--masks", masks.toString(),
                "--out", out.toString()).exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
        assertThat(batch("--format", "gif").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(batch("--quality", "0").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(batch("--strategy", "zoom").exitCode()).isEqualTo(ExitCodes.USAGE);
        Path broken = Files.createDirectories(dir.resolve("broken-model")).resolve("m.pt");
        Files.writeString(broken, "not a model");
        CliRun badModel = CliRun.of("batch", "--images", images.toString(), "--masks", masks.toString(),
                "--out", out.toString(), "--model", broken.toString());
        assertThat(badModel.exitCode()).as(badModel.err()).isEqualTo(ExitCodes.MODEL_INVALID);
        // The model loads beside the first decodes, but a failed load still fills and reports nothing.
        assertThat(out.resolve("a.png")).doesNotExist();
        assertThat(out.resolve(BatchJob.REPORT_NAME)).doesNotExist();
    }

    @Test
    void exifAndIccAreCarriedToEveryOutputAndJpegQualityIsHonoured() throws Exception {
        BufferedImage photo = Images.photo(96, 64);
        byte[] exif = tiffWithArtist("Gatefill test");
        byte[] icc = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        ImageFiles.save(photo, images.resolve("a.jpg"), new SaveOptions(SaveOptions.Format.JPEG, 0.98f, false),
                new ImageMetadata(exif, icc, "jpeg"));
        ImageFiles.save(photo, images.resolve("b.png"), SaveOptions.png(), new ImageMetadata(exif, icc, "png"));
        Images.png(Images.maskImage(96, 64, HOLE_A), masks.resolve("a.png"));
        Images.png(Images.maskImage(96, 64, HOLE_A), masks.resolve("b.png"));
        BufferedImage source = ImageFiles.load(images.resolve("a.jpg"), Long.MAX_VALUE).image();

        Map<Integer, Path> byQuality = new TreeMap<>();
        for (int q : new int[] {20, 95}) {
            out = dir.resolve("out-q" + q);
            CliRun run = batch("--format", "jpg", "--quality", String.valueOf(q));
            assertThat(run.exitCode()).as(run.err() + run.out()).isEqualTo(ExitCodes.OK);
            for (String name : List.of("a.jpg", "b.jpg")) {
                LoadedImage written = ImageFiles.load(out.resolve(name), Long.MAX_VALUE);
                assertThat(written.formatName()).isEqualTo("jpeg");
                assertThat(written.metadata().exif()).as("EXIF of " + name).isEqualTo(exif);
                assertThat(written.metadata().iccProfile()).as("ICC of " + name).isEqualTo(icc);
            }
            byQuality.put(q, out.resolve("a.jpg"));
        }
        out = dir.resolve("out-png");
        assertThat(batch().exitCode()).isEqualTo(ExitCodes.OK);
        LoadedImage png = ImageFiles.load(out.resolve("b.png"), Long.MAX_VALUE);
        assertThat(png.metadata().exif()).isEqualTo(exif);
        assertThat(png.metadata().iccProfile()).isEqualTo(icc);

        long low = Files.size(byQuality.get(20));
        long high = Files.size(byQuality.get(95));
        assertThat(high).as("q95 file larger than q20").isGreaterThan(low + 1000);
        // Outside the hole the output is the source re-encoded: the lower quality strays further from it.
        double errLow = meanAbsOutside(source, ImageFiles.load(byQuality.get(20), Long.MAX_VALUE).image(), HOLE_A);
        double errHigh = meanAbsOutside(source, ImageFiles.load(byQuality.get(95), Long.MAX_VALUE).image(), HOLE_A);
        assertThat(errLow).isGreaterThan(errHigh * 2);
    }

    private void twoImages() throws IOException {
        BufferedImage photo = Images.photo(96, 64);
        Images.png(photo, images.resolve("a.png"));
        Images.png(photo, images.resolve("b.png"));
        Images.png(Images.maskImage(96, 64, HOLE_A), masks.resolve("a.png"));
        Images.png(Images.maskImage(96, 64, HOLE_B), masks.resolve("b.png"));
    }

    static Map<String, String> hashes(Path... folders) throws Exception {
        Map<String, String> map = new TreeMap<>();
        for (Path folder : folders) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path p : files.toList()) {
                    map.put(p.toString(), HexFormat.of().formatHex(
                            MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))) + "@"
                            + Files.getLastModifiedTime(p).toMillis());
                }
            }
        }
        return map;
    }

    static boolean differsInside(BufferedImage a, BufferedImage b, Rect r) {
        for (int y = r.y(); y < r.bottom(); y++) {
            for (int x = r.x(); x < r.right(); x++) {
                if ((a.getRGB(x, y) & 0xFFFFFF) != (b.getRGB(x, y) & 0xFFFFFF)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean differsOutside(BufferedImage a, BufferedImage b, Rect r) {
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (!r.contains(x, y) && a.getRGB(x, y) != b.getRGB(x, y)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static double meanAbsOutside(BufferedImage a, BufferedImage b, Rect r) {
        long sum = 0;
        long n = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (r.expand(4).contains(x, y)) {
                    continue;
                }
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int s = 0; s <= 16; s += 8) {
                    sum += Math.abs(((p >> s) & 0xFF) - ((q >> s) & 0xFF));
                    n++;
                }
            }
        }
        return sum / (double) n;
    }

    /** A big-endian TIFF block with one IFD0 entry, Artist (0x013B) = text. */
    static byte[] tiffWithArtist(String text) {
        byte[] ascii = (text + "\0").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(8 + 2 + 12 + 4 + ascii.length).order(ByteOrder.BIG_ENDIAN);
        b.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        b.putShort((short) 1);
        b.putShort((short) 0x013B).putShort((short) 2).putInt(ascii.length).putInt(8 + 2 + 12 + 4);
        b.putInt(0);
        b.put(ascii);
        return b.array();
    }
}
