package io.gatefill.gui.fill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gatefill.core.raster.Rect;
import io.gatefill.engine.GateMaps;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gate colour scale: the chosen layer's 1st to 99th percentile over the part of each window the model saw. */
class GateScaleTest {
    private static GateWindow window(float[]... layers) {
        int n = layers[0].length;
        return new GateWindow(new Rect(0, 0, n, 1), n, 1, new GateMaps(
                java.util.stream.IntStream.range(0, layers.length).mapToObj(i -> "layer" + i).toList(), n, 1, layers));
    }

    @Test
    void aNearlyUniformLayerIsStretchedOverItsOwnRangeAndOutliersAreClipped() {
        float[] flat = new float[1000];
        float[] spread = new float[1000];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = 0.90f + 0.05f * i / 999f; // 0.90 to 0.95: one colour on a 0..1 scale
            spread[i] = i / 999f;
        }
        flat[0] = 0.01f; // outliers beyond the 1st and 99th percentile
        flat[999] = 0.99f;
        List<GateWindow> windows = List.of(window(flat, spread));

        GateScale scale = GateScale.of(windows, 0);
        assertThat(scale.low()).isCloseTo(0.90, within(0.002));
        assertThat(scale.high()).isCloseTo(0.95, within(0.002));
        assertThat(scale.position(0.925)).isCloseTo(0.5, within(0.02));
        assertThat(scale.position(0.01)).isZero();
        assertThat(scale.position(0.99)).isEqualTo(1);

        GateScale other = GateScale.of(windows, 1);
        assertThat(other.low()).isCloseTo(0.01, within(0.002));
        assertThat(other.high()).isCloseTo(0.99, within(0.002));
    }

    @Test
    void aConstantLayerGetsANarrowRangeAroundItsValueAndNoMapsTheFullOne() {
        float[] constant = new float[100];
        java.util.Arrays.fill(constant, 1f);
        GateScale scale = GateScale.of(List.of(window(constant)), 0);
        assertThat(scale.high()).isEqualTo(1);
        assertThat(scale.high() - scale.low()).isCloseTo(0.01, within(1e-9));
        assertThat(GateScale.of(List.of(), 0)).isEqualTo(GateScale.FULL);
    }

    @Test
    void viridisRunsFromDarkPurpleToYellow() {
        assertThat(GateOverlay.colour(0)).isEqualTo(0x440154);
        assertThat(GateOverlay.colour(1)).isEqualTo(0xFDE725);
        assertThat(GateOverlay.colour(0.5)).isEqualTo(0x21918C);
    }
}
