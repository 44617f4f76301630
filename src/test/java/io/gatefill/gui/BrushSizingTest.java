package io.gatefill.gui;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatefill.core.tools.BrushSettings;
import io.gatefill.core.tools.ToolKind;
import org.junit.jupiter.api.Test;

/** Brush sizes relative to the photo, stepped by a factor. */
class BrushSizingTest {
    @Test
    void stepsByAFactorSoLargeBrushesAreAFewPressesAway() {
        int size = 60;
        int presses = 0;
        while (size < 1000) {
            size = BrushSizing.larger(size);
            presses++;
        }
        assertThat(presses).as("60 -> 1000 px").isLessThanOrEqualTo(13);
        assertThat(BrushSizing.larger(60)).isEqualTo(75);
        assertThat(BrushSizing.smaller(75)).isEqualTo(60);
        assertThat(BrushSizing.larger(1)).as("small sizes still move").isEqualTo(2);
        assertThat(BrushSizing.smaller(2)).isEqualTo(1);
        assertThat(BrushSizing.smaller(1)).isEqualTo(1);
        assertThat(BrushSizing.larger(BrushSettings.MAX_SIZE)).isEqualTo(BrushSettings.MAX_SIZE);
    }

    @Test
    void startsRelativeToThePhotoAndReachesALargeObjectOn24Megapixels() {
        assertThat(BrushSizing.initialSize(ToolKind.MASK_BRUSH, 6000, 4000)).isEqualTo(240);
        assertThat(BrushSizing.initialSize(ToolKind.MASK_BRUSH, 512, 384)).isEqualTo(20);
        assertThat(BrushSizing.initialSize(ToolKind.SKETCH_PEN, 6000, 4000)).isEqualTo(24);
        assertThat(BrushSizing.initialSize(ToolKind.SKETCH_PEN, 100, 80)).as("never below 1 px").isEqualTo(1);
        // A 2,000-px object (a car across half of a 24 MP frame) is one stroke wide.
        assertThat(new BrushSettings(2000, 1).size()).isEqualTo(2000);
    }
}
