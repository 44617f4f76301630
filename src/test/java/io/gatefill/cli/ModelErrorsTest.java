package io.gatefill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatefill.core.raster.Rect;
import io.gatefill.engine.ModelFiles;
import io.gatefill.testing.Fixture;
import io.gatefill.testing.Images;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a model can be wrong ends in exit code 7, a message naming the problem, and no output file. */
class ModelErrorsTest {
    @TempDir
    Path dir;
    Path image;
    Path mask;
    Path out;
    Path model;
    Path card;

    @BeforeEach
    void files() throws Exception {
        image = Images.png(Images.photo(64, 48), dir.resolve("photo.png"));
        mask = Images.png(Images.maskImage(64, 48, new Rect(10, 10, 8, 8)), dir.resolve("mask.png"));
        out = dir.resolve("out.png");
        model = Files.copy(Fixture.model(), dir.resolve("m.pt"));
        card = Files.copy(Fixture.DIR.resolve("fixture.json"), dir.resolve("m.json"));
    }

    private CliRun inpaint() {
        return CliRun.of("inpaint", "--image", image.toString(), "--mask", mask.toString(), "--out", out.toString(),
                "--model", model.toString());
    }

    private void expectModelError(String... fragments) {
        CliRun run = inpaint();
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.MODEL_INVALID);
        assertThat(run.err()).contains(fragments);
        assertThat(out).doesNotExist();
    }

    private void cardSays(String sha) throws Exception {
        String text = Files.readString(card);
        Files.writeString(card, text.replaceFirst("\"sha256\": \"[0-9a-f]{64}\"", "\"sha256\": \"" + sha + "\""));
    }

    private static String sha(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void theCopiedFixtureWorks() {
        CliRun run = inpaint();
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(out).isRegularFile();
    }

    @Test
    void missingModel() throws Exception {
        Files.delete(model);
        expectModelError("Model file not found", "m.pt");
    }

    @Test
    void missingCard() throws Exception {
        Files.delete(card);
        expectModelError("Model card not found", "m.json");
    }

    @Test
    void cardThatIsNotJson() throws Exception {
        Files.writeString(card, "{ \"contract_version\": 1, ");
        expectModelError("not valid JSON", "m.json");
    }

    @Test
    void checksumMismatch() throws Exception {
        byte[] bytes = Files.readAllBytes(model);
        bytes[bytes.length / 2] ^= 0x5A;
        Files.write(model, bytes);
        expectModelError("Checksum mismatch", "m.pt");
    }

    @Test
    void unsupportedContractVersion() throws Exception {
        Files.writeString(card, Files.readString(card).replace("\"contract_version\": 1", "\"contract_version\": 2"));
        expectModelError("contract version 2", "supports version 1");
    }

    @Test
    void fileThatIsNotAnArchive() throws Exception {
        Files.writeString(model, "this is not TorchScript");
        cardSays(sha(model));
        expectModelError("not a TorchScript archive");
    }

    @Test
    void brokenArchiveIsRejectedByLibtorch() throws Exception {
        byte[] bytes = Files.readAllBytes(model);
        Files.write(model, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        cardSays(sha(model));
        expectModelError("could not be loaded as TorchScript");
    }

    @Test
    void gpuOnAMachineWithoutOne() throws Exception {
        CliRun run = CliRun.of("inpaint", "--image", image.toString(), "--mask", mask.toString(), "--out",
                out.toString(), "--model", model.toString(), "--device", "gpu");
        if (ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount() == 0) {
            assertThat(run.exitCode()).isEqualTo(ExitCodes.DEVICE_UNAVAILABLE);
            assertThat(run.err()).contains("GPU was requested");
            assertThat(out).doesNotExist();
        } else {
            assertThat(run.exitCode()).isZero();
        }
    }

    @Test
    void modelInfoShowsCardChecksumDeviceAndTheDefaultEngine() {
        CliRun run = CliRun.of("model-info", "--model", model.toString(), "--device", "cpu");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("checksum:  OK", "name:      fixture", "conv type: gated", "cnum) 8",
                "licence:   CC0-1.0", "device:    cpu()", "engine:    hybrid by default");
    }

    @Test
    void modelInfoReportsAMismatch() throws Exception {
        cardSays("0".repeat(64));
        CliRun run = CliRun.of("model-info", "--model", model.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.MODEL_INVALID);
        assertThat(run.out()).contains("NOT VERIFIED (CHECKSUM_MISMATCH)");
        assertThat(run.err()).contains("Checksum mismatch");
    }

    @Test
    void defaultModelIsLookedUpInModelsFolder() {
        // The working directory of the test run is the project root, which has no models/ yet; the
        // message must say where it looked and how to pass a model.
        if (!Files.exists(Path.of("models"))) {
            CliRun run = CliRun.of("model-info");
            assertThat(run.exitCode()).isEqualTo(ExitCodes.MODEL_INVALID);
            assertThat(run.err()).contains("No model found", "--model");
        } else {
            assertThat(ModelFiles.class).isNotNull();
        }
    }
}
