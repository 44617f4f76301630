package io.gatefill.engine.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatefill.engine.RawTensors;
import io.gatefill.core.pipeline.InpaintInput;
import io.gatefill.core.raster.Rect;
import io.gatefill.engine.GateMaps;
import io.gatefill.engine.ModelFiles;
import io.gatefill.engine.ModelLoadException;
import io.gatefill.engine.ModelProblem;
import io.gatefill.testing.Fixture;
import io.gatefill.testing.Images;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate view module: PyTorch parity on the fixture's input, card-driven layers, refusals. */
class DjlGateMapperTest {
    @Test
    void gatesMatchPyTorchAndFollowTheCardsLayers() throws Exception {
        ModelFiles files = ModelFiles.of(Fixture.model());
        try (DjlGateMapper gates = DjlGateMapper.load(files, files.verify())) {
            assertThat(gates.layers()).hasSize(5).first().asString().isEqualTo("coarse.conv1 (1/1)");
            float[] expected = Fixture.floats("parity_gates.bin");
            float[] actual = gates.forward(new RawTensors(Fixture.floats("parity_image.bin"),
                    Fixture.floats("parity_mask.bin"), Fixture.floats("parity_sketch.bin"), 64, 96));
            assertThat(actual).hasSameSizeAs(expected);
            double maxDiff = 0;
            for (int i = 0; i < expected.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(actual[i] - expected[i]));
            }
            assertThat(maxDiff).as("max |DJL - PyTorch| of the gates").isLessThan(1e-4);

            GateMaps maps = gates.gates(new InpaintInput(Images.photo(64, 48),
                    Images.raster(64, 48, new Rect(20, 10, 16, 16)), null));
            assertThat(maps.width()).isEqualTo(64);
            assertThat(maps.height()).isEqualTo(48);
            assertThat(maps.maps().length).isEqualTo(5);
            // Inside and outside the hole the first gate layer must differ: it sees the mask channel.
            float inside = maps.maps()[0][18 * 64 + 28];
            float outside = maps.maps()[0][40 * 64 + 5];
            assertThat(inside).isNotEqualTo(outside);
        }
    }

    @Test
    void refusesAnAlteredGateFile(@TempDir Path dir) throws Exception {
        for (String name : new String[] {"fixture.pt", "fixture.json", "fixture.gates.pt"}) {
            Files.copy(Fixture.DIR.resolve(name), dir.resolve(name));
        }
        Files.write(dir.resolve("fixture.gates.pt"), new byte[] {0}, StandardOpenOption.APPEND);
        ModelFiles files = ModelFiles.of(dir.resolve("fixture.pt"));
        assertThatThrownBy(() -> DjlGateMapper.load(files, files.verify())).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("Checksum mismatch").hasMessageContaining("fixture.gates.pt")
                .extracting(e -> ((ModelLoadException) e).problem()).isEqualTo(ModelProblem.CHECKSUM_MISMATCH);
        Files.delete(dir.resolve("fixture.gates.pt"));
        assertThatThrownBy(() -> DjlGateMapper.load(files, files.verify())).hasMessageContaining("Gate module not found");
    }
}
