package io.gatefill.engine.djl;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatefill.engine.RawTensors;
import io.gatefill.engine.EngineLoadListener;
import io.gatefill.engine.EngineOptions;
import io.gatefill.engine.ModelFiles;
import io.gatefill.testing.Fixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Java through DJL must reproduce PyTorch's own output on the fixture's fixed input. */
class DjlInpaintEngineParityTest {
    @Test
    void forwardMatchesPyTorchOnFixtureInput() throws Exception {
        float[] image = Fixture.floats("parity_image.bin");
        float[] mask = Fixture.floats("parity_mask.bin");
        float[] sketch = Fixture.floats("parity_sketch.bin");
        float[] expected = Fixture.floats("parity_output.bin");
        assertThat(image).hasSize(3 * 64 * 96);

        float[] actual = Fixture.engine().forward(new RawTensors(image, mask, sketch, 64, 96));

        assertThat(actual).hasSameSizeAs(expected);
        double maxDiff = 0;
        for (int i = 0; i < expected.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(actual[i] - expected[i]));
        }
        assertThat(maxDiff).as("max |DJL - PyTorch|").isLessThan(1e-4);
        // A constant output would also be "close" if the fixture were degenerate; it is not.
        double spread = 0;
        for (float v : expected) {
            spread = Math.max(spread, Math.abs(v - expected[0]));
        }
        assertThat(spread).isGreaterThan(1e-3);
    }

    @Test
    void loadReportsPhasesAndDescribesCpuDevice() throws Exception {
        List<String> phases = new ArrayList<>();
        EngineLoadListener listener = (phase, fraction) -> {
            synchronized (phases) {
                if (phases.isEmpty() || !phases.get(phases.size() - 1).equals(phase)) {
                    phases.add(phase);
                }
            }
        };
        try (DjlInpaintEngine engine = DjlInpaintEngine.load(ModelFiles.of(Fixture.model()),
                EngineOptions.defaults().withThreads(1), listener)) {
            assertThat(phases).startsWith(EngineLoadListener.VERIFYING).contains(EngineLoadListener.LOADING)
                    .endsWith(EngineLoadListener.READY);
            assertThat(engine.describe().device()).isEqualTo("cpu()");
            assertThat(engine.describe().threads()).isEqualTo(1);
            assertThat(engine.describe().card().name()).isEqualTo("fixture");
            assertThat(engine.describe().card().sketch()).isTrue();
        }
    }
}
