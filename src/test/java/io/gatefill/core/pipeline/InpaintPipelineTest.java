package io.gatefill.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatefill.core.raster.GrayRaster;
import io.gatefill.core.raster.Rect;
import io.gatefill.testing.Images;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's contract with a stand-in model that paints its hole one colour and returns the rest of
 * its input as it got it, as a trained generator nearly does (so the seam correction finds nothing to
 * correct on the hole's ring in an unscaled window).
 */
class InpaintPipelineTest {
    private static final int PAINT = 0xFF00FF00;

    private final List<InpaintInput> calls = new ArrayList<>();
    private final Inpainter green = input -> {
        calls.add(input);
        return paintHole(input, PAINT);
    };

    static BufferedImage paintHole(InpaintInput input, int paint) {
        return paintHole(input, paint, 0);
    }

    /** The model's input with its hole pixels from column {@code fromX} on painted {@code paint}. */
    static BufferedImage paintHole(InpaintInput input, int paint, int fromX) {
        int w = input.image().getWidth();
        int h = input.image().getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, input.mask().get(x, y) != 0 && x >= fromX ? paint : input.image().getRGB(x, y));
            }
        }
        return out;
    }

    static BufferedImage photo(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, ((x * 7 + y) % 200 + 40) << 24 | (x % 256) << 16 | (y % 256) << 8 | 99);
            }
        }
        return image;
    }

    static GrayRaster holes(int w, int h, Rect... rects) {
        GrayRaster m = new GrayRaster(w, h);
        for (Rect r : rects) {
            for (int y = r.y(); y < r.y() + r.height(); y++) {
                for (int x = r.x(); x < r.x() + r.width(); x++) {
                    m.set(x, y, 255);
                }
            }
        }
        return m;
    }

    /**
     * In a scaled window the ring's estimate, scaled back, is partly the hole's paint, so the seam
     * correction moves the paint part of the way back toward the photo's colour; the fill must still
     * lie clearly nearer the model's colour than the photo does (within 70 % of the photo's distance).
     */
    private static void assertTakesThePaint(int actual, int photo, String where) {
        assertThat(distance(actual, PAINT)).as("%s: %08x, paint %08x, photo %08x", where, actual, PAINT, photo)
                .isLessThan(0.7 * distance(photo, PAINT));
    }

    private static double distance(int a, int b) {
        double sum = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            int d = ((a >> shift) & 0xFF) - ((b >> shift) & 0xFF);
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    @Test
    void onlyHolePixelsChangeAndAlphaIsKept() throws Exception {
        BufferedImage image = photo(333, 217);
        GrayRaster mask = holes(333, 217, new Rect(100, 50, 40, 30), new Rect(300, 200, 10, 10));
        InpaintResult result = new InpaintPipeline(green, PipelineSettings.defaults())
                .run(new InpaintRequest(image, mask, null, Strategy.CROP), null, null);

        for (int y = 0; y < 217; y++) {
            for (int x = 0; x < 333; x++) {
                int before = image.getRGB(x, y);
                int after = result.result().getRGB(x, y);
                if (mask.get(x, y) == 0) {
                    assertThat(after).as("outside hole at %d,%d", x, y).isEqualTo(before);
                } else {
                    assertThat(after >>> 24).isEqualTo(before >>> 24);
                    assertThat(after & 0xFF00).as("inside hole at %d,%d", x, y).isNotEqualTo(before & 0xFF00);
                }
            }
        }
        assertTakesThePaint(result.result().getRGB(120, 65), image.getRGB(120, 65), "hole centre");
        assertThat(result.affected()).isEqualTo(new Rect(100, 50, 210, 160));
        for (InpaintInput call : calls) {
            assertThat(call.image().getWidth() % 8).isZero();
            assertThat(call.image().getHeight() % 8).isZero();
        }
        assertThat(image.getRGB(120, 65)).isNotEqualTo(result.result().getRGB(120, 65));
    }

    @Test
    void eachStrategyFillsTheHole() throws Exception {
        BufferedImage image = photo(1200, 700);
        GrayRaster mask = holes(1200, 700, new Rect(600, 300, 50, 50));
        for (Strategy strategy : Strategy.values()) {
            calls.clear();
            InpaintResult result = new InpaintPipeline(green, PipelineSettings.defaults())
                    .run(new InpaintRequest(image, mask, null, strategy), null, null);
            if (strategy == Strategy.ORIGINAL) {
                // Unscaled, the prediction of the hole's ring is the photo itself: nothing to correct.
                assertThat(result.result().getRGB(625, 325) & 0xFFFFFF).isEqualTo(PAINT & 0xFFFFFF);
            } else {
                assertTakesThePaint(result.result().getRGB(625, 325), image.getRGB(625, 325), strategy.name());
            }
            assertThat(result.result().getRGB(599, 325)).isEqualTo(image.getRGB(599, 325));
            int expectedWidth = switch (strategy) {
                case CROP -> 256; // the 306-px window at the training scale
                case RESIZE -> 512;
                case ORIGINAL -> 1200;
            };
            assertThat(calls).singleElement().satisfies(c -> assertThat(c.image().getWidth()).isEqualTo(expectedWidth));
        }
    }

    @Test
    void sketchReachesTheModelOnlyInsideTheHole() throws Exception {
        GrayRaster mask = holes(64, 64, new Rect(20, 20, 10, 10));
        GrayRaster sketch = holes(64, 64, new Rect(0, 25, 64, 1));
        new InpaintPipeline(green, PipelineSettings.defaults())
                .run(new InpaintRequest(photo(64, 64), mask, sketch, Strategy.CROP), null, null);
        GrayRaster seen = calls.get(0).sketch();
        assertThat(seen.get(25, 25)).isEqualTo(255);
        assertThat(seen.get(5, 25)).isZero();
    }

    @Test
    void emptyAllHoleAndMismatchedMasksAreRefused() {
        InpaintPipeline pipeline = new InpaintPipeline(green, PipelineSettings.defaults());
        assertThatThrownBy(() -> pipeline.run(new InpaintRequest(photo(20, 20), new GrayRaster(20, 20), null,
                Strategy.CROP), null, null)).isInstanceOfSatisfying(InpaintException.class,
                e -> assertThat(e.reason()).isEqualTo(InpaintException.Reason.EMPTY_MASK));
        assertThatThrownBy(() -> pipeline.run(new InpaintRequest(photo(20, 20), holes(20, 20, new Rect(0, 0, 20, 20)),
                null, Strategy.CROP), null, null)).isInstanceOfSatisfying(InpaintException.class,
                e -> assertThat(e.reason()).isEqualTo(InpaintException.Reason.ALL_HOLE));
        assertThatThrownBy(() -> pipeline.run(new InpaintRequest(photo(20, 20), holes(21, 20, new Rect(0, 0, 2, 2)),
                null, Strategy.CROP), null, null)).isInstanceOfSatisfying(InpaintException.class, e -> {
                    assertThat(e.reason()).isEqualTo(InpaintException.Reason.SIZE_MISMATCH);
                    assertThat(e.getMessage()).contains("21x20", "20x20");
                });
        assertThat(calls).isEmpty();
    }

    @Test
    void originalRefusesHugeImages() {
        InpaintPipeline pipeline = new InpaintPipeline(green, PipelineSettings.defaults());
        assertThatThrownBy(() -> pipeline.run(new InpaintRequest(photo(3000, 2000), holes(3000, 2000,
                new Rect(5, 5, 5, 5)), null, Strategy.ORIGINAL), null, null))
                .isInstanceOfSatisfying(InpaintException.class,
                        e -> assertThat(e.reason()).isEqualTo(InpaintException.Reason.TOO_LARGE));
    }

    @Test
    void checkRefusesWhatRunWouldRefuseBeforeFilling() throws Exception {
        InpaintPipeline pipeline = InpaintPipeline.withoutModel();
        GrayRaster speck = holes(3000, 2000, new Rect(5, 5, 5, 5));
        assertThatThrownBy(() -> pipeline.check(new InpaintRequest(photo(3000, 2000), speck, null, Strategy.ORIGINAL,
                FillEngine.MODEL, 0))).isInstanceOfSatisfying(InpaintException.class,
                        e -> assertThat(e.reason()).isEqualTo(InpaintException.Reason.TOO_LARGE));
        assertThatThrownBy(() -> pipeline.check(new InpaintRequest(photo(20, 20), new GrayRaster(20, 20), null,
                Strategy.CROP, FillEngine.HYBRID, 0))).isInstanceOfSatisfying(InpaintException.class,
                        e -> assertThat(e.reason()).isEqualTo(InpaintException.Reason.EMPTY_MASK));
        // The synthesis engines work at full resolution whatever the strategy: nothing to refuse here.
        pipeline.check(new InpaintRequest(photo(3000, 2000), speck, null, Strategy.ORIGINAL, FillEngine.HYBRID, 0));
    }

    @Test
    void cancelBetweenRegionsDiscardsTheResultAndReportsProgress() {
        CancellationToken token = new CancellationToken();
        List<String> progress = new ArrayList<>();
        Inpainter cancelling = input -> {
            token.cancel();
            return green.inpaint(input);
        };
        BufferedImage image = photo(2000, 1000);
        int before = image.getRGB(110, 110);
        GrayRaster mask = holes(2000, 1000, new Rect(100, 100, 20, 20), new Rect(1500, 800, 20, 20));
        assertThatThrownBy(() -> new InpaintPipeline(cancelling, PipelineSettings.defaults())
                .run(new InpaintRequest(image, mask, null, Strategy.CROP),
                        (done, total, message) -> progress.add(done + "/" + total), token))
                .isInstanceOfSatisfying(InpaintException.class,
                        e -> assertThat(e.reason()).isEqualTo(InpaintException.Reason.CANCELLED));
        assertThat(progress).containsExactly("0/2");
        assertThat(calls).hasSize(1);
        assertThat(image.getRGB(110, 110)).isEqualTo(before);
    }

    @Test
    void progressCountsRegions() throws Exception {
        List<String> progress = new ArrayList<>();
        GrayRaster mask = holes(2000, 1000, new Rect(100, 100, 20, 20), new Rect(1500, 800, 20, 20));
        InpaintResult result = new InpaintPipeline(green, PipelineSettings.defaults())
                .run(new InpaintRequest(photo(2000, 1000), mask, null, Strategy.CROP),
                        (done, total, message) -> progress.add(done + "/" + total), null);
        assertThat(progress).containsExactly("0/2", "1/2", "2/2");
        assertThat(result.windows()).hasSize(2);
    }

    @Test
    void modelFillMeetsThePhotoWithoutAColourStep() throws Exception {
        // Unscaled (the whole 200x150 photo is one window) and scaled (a 356x336 CROP window at the
        // 256-px training scale).
        assertThat(worstHoleError(200, 150, new Rect(60, 40, 50, 40))).isLessThanOrEqualTo(1);
        assertThat(worstHoleError(600, 450, new Rect(250, 180, 100, 80))).isLessThanOrEqualTo(2);
    }

    /**
     * A smooth photo and a stand-in model that predicts every pixel right but 40 levels too bright (it
     * reads the photo under the hole, which a real model never sees): the seam correction takes the
     * step it shows on the hole's ring off the whole fill. Returns the largest error left in the hole.
     */
    private int worstHoleError(int w, int h, Rect holeRect) throws Exception {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, 0xFF000000 | (30 + x * 150 / w) << 16 | (40 + y * 150 / h) << 8 | 90);
            }
        }
        Inpainter bright = input -> {
            calls.add(input);
            BufferedImage out = new BufferedImage(input.image().getWidth(), input.image().getHeight(),
                    BufferedImage.TYPE_INT_ARGB);
            for (int y = 0; y < out.getHeight(); y++) {
                for (int x = 0; x < out.getWidth(); x++) {
                    out.setRGB(x, y, input.image().getRGB(x, y) + 0x282828);
                }
            }
            return out;
        };
        GrayRaster mask = holes(w, h, holeRect);
        calls.clear();
        BufferedImage result = new InpaintPipeline(bright, PipelineSettings.defaults())
                .run(new InpaintRequest(image, mask, null, Strategy.CROP), null, null).result();
        assertThat(calls).singleElement().satisfies(c -> assertThat(c.image().getWidth()).isLessThanOrEqualTo(256));
        int worst = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (mask.get(x, y) != 0) {
                    for (int shift = 0; shift <= 16; shift += 8) {
                        int diff = ((result.getRGB(x, y) >> shift) & 0xFF) - ((image.getRGB(x, y) >> shift) & 0xFF);
                        worst = Math.max(worst, Math.abs(diff));
                    }
                }
            }
        }
        return worst;
    }
}
