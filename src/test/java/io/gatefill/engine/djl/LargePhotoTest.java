package io.gatefill.engine.djl;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatefill.core.pipeline.InpaintPipeline;
import io.gatefill.core.pipeline.InpaintRequest;
import io.gatefill.core.pipeline.InpaintResult;
import io.gatefill.core.pipeline.PipelineSettings;
import io.gatefill.core.pipeline.Strategy;
import io.gatefill.core.pipeline.Window;
import io.gatefill.core.raster.GrayRaster;
import io.gatefill.core.raster.Rect;
import io.gatefill.testing.Fixture;
import io.gatefill.testing.Images;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import org.junit.jupiter.api.Test;

/** A 24-megapixel photo with a small mask goes through CROP: the model sees one window, nothing else changes. */
class LargePhotoTest {
    @Test
    void cropFillsOnlyInsideItsWindow() throws Exception {
        int w = 6000;
        int h = 4000;
        BufferedImage photo = Images.photo(w, h);
        Rect hole = new Rect(5900, 3920, 70, 60);
        GrayRaster mask = Images.raster(w, h, hole);
        InpaintPipeline pipeline = new InpaintPipeline(Fixture.engine(), PipelineSettings.defaults());

        InpaintResult result = pipeline.run(new InpaintRequest(photo, mask, null, Strategy.CROP), null, null);

        assertThat(result.windows()).hasSize(1);
        Window window = result.windows().get(0);
        Rect win = window.window();
        assertThat(win.x() + win.width()).as("shifted inward at the right border").isEqualTo(w);
        assertThat(win.y() + win.height()).isEqualTo(h);
        assertThat(win.width()).isLessThan(600);
        assertThat(result.affected()).isEqualTo(hole);
        int[] before = ((DataBufferInt) photo.getRaster().getDataBuffer()).getData();
        int[] after = ((DataBufferInt) result.result().getRaster().getDataBuffer()).getData();
        int changedInHole = 0;
        for (int y = 0; y < h; y++) {
            boolean rowInWindow = y >= win.y() && y < win.y() + win.height();
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                boolean inWindow = rowInWindow && x >= win.x() && x < win.x() + win.width();
                boolean inHole = mask.get(x, y) != 0;
                if (!inWindow || !inHole) {
                    if (after[i] != before[i]) {
                        throw new AssertionError("pixel " + x + "," + y + " changed outside the hole");
                    }
                } else if (after[i] != before[i]) {
                    changedInHole++;
                }
            }
        }
        assertThat(changedInHole).isGreaterThan(hole.width() * hole.height() * 9 / 10);
    }
}
