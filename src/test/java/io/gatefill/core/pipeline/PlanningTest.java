package io.gatefill.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatefill.core.raster.Rect;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Region planning and window placement, without any model. */
class PlanningTest {
    private static BinaryMask mask(int w, int h, Rect... holes) {
        BinaryMask m = new BinaryMask(w, h);
        for (Rect r : holes) {
            for (int y = r.y(); y < r.y() + r.height(); y++) {
                for (int x = r.x(); x < r.x() + r.width(); x++) {
                    m.bits[y * w + x] = 1;
                }
            }
        }
        return m;
    }

    @Test
    void farApartHolesBecomeSeparateRegionsAndNearOnesMerge() {
        BinaryMask m = mask(400, 300, new Rect(10, 10, 20, 20), new Rect(35, 12, 5, 5), new Rect(300, 200, 30, 40));
        List<Rect> regions = RegionPlanner.plan(m, 8);
        assertThat(regions).containsExactly(new Rect(10, 10, 30, 20), new Rect(300, 200, 30, 40));
        assertThat(RegionPlanner.plan(m, 2)).hasSize(3);
    }

    @Test
    void diagonalNeighboursAreOneComponent() {
        BinaryMask m = mask(10, 10, new Rect(1, 1, 1, 1), new Rect(2, 2, 1, 1), new Rect(3, 3, 1, 1));
        assertThat(RegionPlanner.components(m)).containsExactly(new Rect(1, 1, 3, 3));
    }

    @Test
    void mergedRegionsNeverOverlap() {
        BinaryMask m = mask(200, 200, new Rect(0, 0, 50, 5), new Rect(45, 10, 5, 50), new Rect(60, 60, 5, 5),
                new Rect(150, 150, 10, 10));
        List<Rect> regions = RegionPlanner.plan(m, 10);
        for (int i = 0; i < regions.size(); i++) {
            for (int j = i + 1; j < regions.size(); j++) {
                assertThat(RegionPlanner.near(regions.get(i), regions.get(j), 0)).isFalse();
            }
        }
        assertThat(regions).hasSize(2);
    }

    @Test
    void cropWindowIsCentredWithMarginInTheMiddle() {
        PipelineSettings s = PipelineSettings.defaults();
        Window w = WindowPlanner.crop(new Rect(1000, 800, 100, 60), 3000, 2000, s);
        assertThat(w.window()).isEqualTo(new Rect(1050 - 178, 830 - 158, 356, 316));
        // Scaled to the training scale (256), not to the 512 px the model could take.
        assertThat(w.scaled()).isTrue();
        assertThat(w.scaledWidth()).isEqualTo(256);
        assertThat(w.scaledHeight()).isEqualTo(Math.round(316 * 256 / 356f));
        Window small = WindowPlanner.crop(new Rect(1000, 800, 20, 20), 3000, 2000, s);
        assertThat(small.window().width()).isEqualTo(276);
        assertThat(small.scaledWidth()).isEqualTo(256);
    }

    @Test
    void cropWindowShiftsInwardAtBordersWithoutShrinking() {
        PipelineSettings s = PipelineSettings.defaults();
        Window topLeft = WindowPlanner.crop(new Rect(0, 3, 40, 40), 3000, 2000, s);
        assertThat(topLeft.window()).isEqualTo(new Rect(0, 0, 296, 296));
        Window bottomRight = WindowPlanner.crop(new Rect(2980, 1990, 20, 10), 3000, 2000, s);
        assertThat(bottomRight.window()).isEqualTo(new Rect(3000 - 276, 2000 - 266, 276, 266));
        assertThat(bottomRight.region()).isEqualTo(new Rect(2980, 1990, 20, 10));
    }

    @Test
    void cropWindowOfSmallImageIsTheImage() {
        Window w = WindowPlanner.crop(new Rect(100, 50, 30, 30), 333, 217, PipelineSettings.defaults());
        assertThat(w.window()).isEqualTo(new Rect(0, 0, 286, 217));
        assertThat(WindowPlanner.crop(new Rect(10, 10, 300, 30), 333, 217, PipelineSettings.defaults()).window())
                .isEqualTo(new Rect(0, 0, 333, 217));
    }

    @Test
    void largeWindowsAreScaledToTheTrainingScaleAndResizeToTheModelLimit() {
        Window w = WindowPlanner.crop(new Rect(1000, 1000, 900, 300), 6000, 4000, PipelineSettings.defaults());
        assertThat(w.window().width()).isEqualTo(1156);
        assertThat(w.scaled()).isTrue();
        assertThat(w.scaledWidth()).isEqualTo(256);
        assertThat(w.scaledHeight()).isEqualTo(Math.round(556 * 256 / 1156f));
        PipelineSettings trainedAt512 = PipelineSettings.forTrainResolution(512);
        assertThat(WindowPlanner.crop(new Rect(1000, 1000, 900, 300), 6000, 4000, trainedAt512).scaledWidth())
                .isEqualTo(512);
        Window resize = WindowPlanner.whole(new Rect(1, 1, 1, 1), 6000, 4000, 512);
        assertThat(resize.scaledWidth()).isEqualTo(512);
        assertThat(resize.scaledHeight()).isEqualTo(341);
    }

    @Test
    void paddingReachesMultipleOfEightByReflection() {
        assertThat(Padding.padded(217)).isEqualTo(224);
        assertThat(Padding.padded(512)).isEqualTo(512);
        assertThat(Padding.padded(1)).isEqualTo(8);
        assertThat(Padding.reflect(5, 5)).isEqualTo(3);
        assertThat(Padding.reflect(6, 5)).isEqualTo(2);
        assertThat(Padding.reflect(9, 3)).isEqualTo(1);
        int[] row = {10, 20, 30};
        assertThat(Padding.pad(row, 3, 1, 8, 1)).containsExactly(10, 20, 30, 20, 10, 20, 30, 20);
        int[] padded = Padding.pad(new int[] {1, 2, 3, 4}, 2, 2, 8, 8);
        assertThat(Padding.unpad(padded, 8, 2, 2)).containsExactly(1, 2, 3, 4);
        assertThat(padded[2 * 8]).isEqualTo(1);
    }

    @Test
    void maskShrinkKeepsThinStrokesAndStaysBinary() {
        BinaryMask m = mask(100, 100, new Rect(0, 37, 100, 1));
        BinaryMask small = Resampler.shrinkAny(m, 25, 25);
        assertThat(small.count()).isEqualTo(25);
        BinaryMask big = Resampler.nearest(small, 100, 100);
        assertThat(big.count()).isEqualTo(400);
        for (byte b : big.bits) {
            assertThat(b).isIn((byte) 0, (byte) 1);
        }
    }

    @Test
    void imageShrinkAveragesAndGrowInterpolates() {
        int[] src = {0xFF000000, 0xFF0000FF, 0xFF000000, 0xFF0000FF};
        assertThat(Resampler.shrinkArea(src, 2, 2, 1, 1)).containsExactly(0xFF000080);
        int[] grown = Resampler.growBilinear(new int[] {0xFF000000, 0xFF0000FF}, 2, 1, 4, 1);
        assertThat(grown).containsExactly(0xFF000000, 0xFF000040, 0xFF0000BF, 0xFF0000FF);
    }
}
