package io.gatefill.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatefill.core.raster.GrayRaster;
import io.gatefill.core.raster.Rect;
import io.gatefill.core.synthesis.SynthesisSettings;
import io.gatefill.testing.Images;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The patch and hybrid engines inside the pipeline: what they run, what they change, what they report. */
class FillEnginesTest {
    private static final SynthesisSettings SYNTHESIS = SynthesisSettings.defaults().withThreads(2);

    private final List<InpaintInput> calls = new ArrayList<>();

    /** Translucent diagonal stripes, so copied texture and kept alpha are both visible. */
    static BufferedImage texture(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        int[] p = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int c = ((x + y) / 5) % 2 == 0 ? 40 : 200;
                p[y * w + x] = (120 + (x * 3 + y) % 136) << 24 | c << 16 | (255 - c) << 8 | (x * y) % 64;
            }
        }
        return image;
    }

    private static InpaintRequest request(BufferedImage image, GrayRaster mask, FillEngine engine, long seed) {
        return new InpaintRequest(image, mask, null, Strategy.CROP, engine, seed);
    }

    @Test
    void patchNeedsNoModelAndChangesOnlyHolePixelsKeepingAlpha() throws Exception {
        BufferedImage image = texture(200, 150);
        GrayRaster mask = InpaintPipelineTest.holes(200, 150, new Rect(60, 40, 50, 40), new Rect(170, 120, 30, 30));
        InpaintResult result = new InpaintPipeline(null, PipelineSettings.defaults(), SYNTHESIS)
                .run(request(image, mask, FillEngine.PATCH, 1), null, null);
        int changed = 0;
        for (int y = 0; y < 150; y++) {
            for (int x = 0; x < 200; x++) {
                int before = image.getRGB(x, y);
                int after = result.result().getRGB(x, y);
                if (mask.get(x, y) == 0) {
                    assertThat(after).as("outside the hole at %d,%d", x, y).isEqualTo(before);
                } else {
                    assertThat(after >>> 24).isEqualTo(before >>> 24);
                    changed += after != before ? 1 : 0;
                }
            }
        }
        assertThat(changed).isGreaterThan(0);
        assertThat(result.affected()).isEqualTo(new Rect(60, 40, 140, 110));
    }

    @Test
    void theEnginesThatNeedTheModelSaySoWhenThereIsNone() {
        BufferedImage image = texture(64, 64);
        GrayRaster mask = InpaintPipelineTest.holes(64, 64, new Rect(20, 20, 10, 10));
        for (FillEngine engine : new FillEngine[] {FillEngine.MODEL, FillEngine.HYBRID}) {
            assertThatThrownBy(() -> new InpaintPipeline(null, PipelineSettings.defaults())
                    .run(request(image, mask, engine, 0), null, null))
                    .isInstanceOf(InpaintException.class)
                    .hasMessageContaining("needs the model").hasMessageContaining("patch engine");
        }
    }

    @Test
    void hybridRunsTheModelAtItsTrainingScaleAndFollowsItsColours() throws Exception {
        // Left half red stripes, right half green stripes; the hole (x 240-360) straddles the border at
        // x 300. The stand-in model, like a trained one, agrees with the photo around the hole but puts
        // the border inside it at x 260, so the guided fill copies mostly from the green half, while the
        // fill without a model keeps the border near the middle.
        int w = 600;
        int h = 400;
        BufferedImage image = texture(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = image.getRGB(x, y);
                int c = (p >> 16) & 0xFF;
                image.setRGB(x, y, (p & 0xFF000000) | (x < w / 2 ? c << 16 : c << 8));
            }
        }
        GrayRaster mask = InpaintPipelineTest.holes(w, h, new Rect(240, 150, 120, 100));
        Inpainter borderMoved = input -> {
            calls.add(input);
            return paintRightOfHoleSixth(input, 0xFF00C800);
        };
        PipelineSettings settings = PipelineSettings.forTrainResolution(128);
        InpaintResult hybrid = new InpaintPipeline(borderMoved, settings, SYNTHESIS)
                .run(request(image, mask, FillEngine.HYBRID, 0), null, null);
        assertThat(calls).hasSize(1);
        assertThat(Math.max(calls.get(0).image().getWidth(), calls.get(0).image().getHeight()))
                .isLessThanOrEqualTo(Padding.padded(128));
        InpaintResult patch = new InpaintPipeline(null, settings, SYNTHESIS)
                .run(request(image, mask, FillEngine.PATCH, 0), null, null);
        double guided = greenShare(hybrid, mask);
        assertThat(guided).isGreaterThan(0.7).isGreaterThan(greenShare(patch, mask) + 0.15);
    }

    /** The model's input with its hole painted {@code paint} right of the hole's leftmost sixth. */
    private static BufferedImage paintRightOfHoleSixth(InpaintInput input, int paint) {
        GrayRaster hole = input.mask();
        int left = hole.width();
        int right = -1;
        for (int y = 0; y < hole.height(); y++) {
            for (int x = 0; x < hole.width(); x++) {
                if (hole.get(x, y) != 0) {
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                }
            }
        }
        return InpaintPipelineTest.paintHole(input, paint, left + (right - left + 1) / 6);
    }

    /** Share of the hole's non-dark pixels whose green exceeds their red. */
    private static double greenShare(InpaintResult result, GrayRaster mask) {
        int green = 0;
        int n = 0;
        for (int y = 0; y < mask.height(); y++) {
            for (int x = 0; x < mask.width(); x++) {
                int p = result.result().getRGB(x, y);
                int r = (p >> 16) & 0xFF;
                int g = (p >> 8) & 0xFF;
                if (mask.get(x, y) != 0 && Math.max(r, g) > 80) {
                    n++;
                    green += g > r ? 1 : 0;
                }
            }
        }
        return (double) green / n;
    }

    @Test
    void aOneRegionFillReportsProgressWhileItSynthesises() throws Exception {
        BufferedImage image = texture(300, 300);
        GrayRaster mask = InpaintPipelineTest.holes(300, 300, new Rect(100, 100, 90, 80));
        List<Integer> done = new ArrayList<>();
        List<Integer> totals = new ArrayList<>();
        new InpaintPipeline(null, PipelineSettings.defaults(), SYNTHESIS).run(request(image, mask, FillEngine.PATCH, 0),
                (d, total, message) -> {
                    done.add(d);
                    totals.add(total);
                }, null);
        assertThat(done).isSorted();
        assertThat(done.stream().distinct().filter(d -> d > 0 && d < totals.get(0)).count())
                .as("steps strictly between start and end").isGreaterThan(3);
        assertThat(done.get(done.size() - 1)).isEqualTo(totals.get(0));
    }

    @Test
    void cancellingDuringSynthesisGivesNothing() {
        BufferedImage image = texture(300, 300);
        GrayRaster mask = InpaintPipelineTest.holes(300, 300, new Rect(100, 100, 90, 80));
        CancellationToken token = new CancellationToken();
        assertThatThrownBy(() -> new InpaintPipeline(null, PipelineSettings.defaults(), SYNTHESIS)
                .run(request(image, mask, FillEngine.PATCH, 0), (d, total, message) -> {
                    if (d > 10) {
                        token.cancel();
                    }
                }, token))
                .isInstanceOf(InpaintException.class)
                .extracting(e -> ((InpaintException) e).reason()).isEqualTo(InpaintException.Reason.CANCELLED);
    }

    @Test
    void aSixHundredPixelObjectOn24MegapixelsIsSynthesisedInABoundedWindow() throws Exception {
        int w = 6000;
        int h = 4000;
        BufferedImage image = texture(w, h);
        GrayRaster mask = new GrayRaster(w, h);
        for (int y = 0; y < 600; y++) {
            for (int x = 0; x < 600; x++) {
                if ((x - 300) * (x - 300) + (y - 300) * (y - 300) <= 300 * 300) {
                    mask.set(2000 + x, 1500 + y, 255);
                }
            }
        }
        InpaintPipeline pipeline = new InpaintPipeline(null, PipelineSettings.defaults(), SYNTHESIS);
        InpaintRequest request = request(image, mask, FillEngine.PATCH, 0);
        List<Window> windows = pipeline.plan(request);
        assertThat(windows).hasSize(1);
        assertThat(windows.get(0).window().area()).as("synthesis window").isLessThanOrEqualTo(1201L * 1201L);
        InpaintResult result = pipeline.run(request, null, null);
        assertThat(result.affected()).isEqualTo(new Rect(2000, 1500, 600, 600));
        // Whatever was under the hole is gone from the input's view; the stripes come back in phase.
        double error = 0;
        int n = 0;
        for (int y = 1500; y < 2100; y++) {
            for (int x = 2000; x < 2600; x++) {
                if (mask.get(x, y) != 0) {
                    error += Math.abs(((result.result().getRGB(x, y) >> 16) & 0xFF) - ((image.getRGB(x, y) >> 16) & 0xFF));
                    n++;
                }
            }
        }
        assertThat(error / n).as("mean red error in the hole (stripes are 40/200)").isLessThan(16);
    }
}
