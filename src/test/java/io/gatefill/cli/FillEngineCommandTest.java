package io.gatefill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatefill.core.io.MaskFiles;
import io.gatefill.core.pipeline.FillEngine;
import io.gatefill.core.pipeline.InpaintPipeline;
import io.gatefill.core.pipeline.InpaintRequest;
import io.gatefill.core.pipeline.PipelineSettings;
import io.gatefill.core.pipeline.Strategy;
import io.gatefill.core.raster.Rect;
import io.gatefill.testing.Fixture;
import io.gatefill.testing.Images;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --engine} and {@code --seed} on the command line: the patch engine needs no model, a bad
 * engine is a usage error, the report names the engine, and inpaint, batch and the core pipeline the
 * editor calls give the same bytes for the same inputs.
 */
class FillEngineCommandTest {
    private static final int W = 181;
    private static final int H = 133;

    @TempDir
    Path dir;
    Path images;
    Path masks;
    Path image;
    Path mask;

    @BeforeEach
    void files() throws Exception {
        images = Files.createDirectories(dir.resolve("photos"));
        masks = Files.createDirectories(dir.resolve("masks"));
        image = Images.png(Images.photo(W, H), images.resolve("street.png"));
        mask = Images.png(Images.maskImage(W, H, new Rect(60, 40, 45, 38)), masks.resolve("street.png"));
    }

    @Test
    void thePatchEngineFillsWithoutAnyModel() throws Exception {
        Path out = dir.resolve("patch.png");
        CliRun run = CliRun.of("inpaint", "--image", image.toString(), "--mask", mask.toString(), "--out", out.toString(),
                "--engine", "patch", "--model", dir.resolve("no-such-model.pt").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("with the patch engine");
        assertThat(Images.read(out).getRGB(0, 0, W, H, null, 0, W)).isNotEqualTo(Images.read(image).getRGB(0, 0, W, H, null, 0, W));
    }

    @Test
    void anUnknownEngineIsAUsageError() {
        CliRun run = CliRun.of("inpaint", "--image", image.toString(), "--mask", mask.toString(), "--out",
                dir.resolve("x.png").toString(), "--engine", "magic");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--engine must be model, patch or hybrid");
        assertThat(dir.resolve("x.png")).doesNotExist();
    }

    @Test
    void inpaintBatchAndThePipelineAgreeByteForByte() throws Exception {
        for (String engine : new String[] {"patch", "hybrid"}) {
            Path single = dir.resolve(engine + "-single.png");
            CliRun one = CliRun.of("inpaint", "--image", image.toString(), "--mask", mask.toString(), "--out",
                    single.toString(), "--engine", engine, "--seed", "5", "--model", Fixture.model().toString());
            assertThat(one.exitCode()).as(one.err()).isZero();
            Path out = dir.resolve(engine + "-batch");
            CliRun batch = CliRun.of("batch", "--images", images.toString(), "--masks", masks.toString(), "--out",
                    out.toString(), "--engine", engine, "--seed", "5", "--model", Fixture.model().toString());
            assertThat(batch.exitCode()).as(batch.err()).isZero();
            assertThat(Images.read(out.resolve("street.png")).getRGB(0, 0, W, H, null, 0, W))
                    .as(engine + ": batch = inpaint").isEqualTo(Images.read(single).getRGB(0, 0, W, H, null, 0, W));
            JsonNode report = new ObjectMapper().readTree(out.resolve("gatefill-report.json").toFile());
            assertThat(report.findValue("engine").asText()).isEqualTo(engine);
            if (engine.equals("patch")) {
                // The editor's Fill runs this same pipeline call on the document's pixels.
                BufferedImage direct = new InpaintPipeline(null, PipelineSettings.defaults()).run(
                        new InpaintRequest(Images.read(image), MaskFiles.readAnySize(mask), null, Strategy.CROP,
                                FillEngine.PATCH, 5), null, null).result();
                assertThat(direct.getRGB(0, 0, W, H, null, 0, W)).as("pipeline = inpaint")
                        .isEqualTo(Images.read(single).getRGB(0, 0, W, H, null, 0, W));
            }
        }
    }
}
