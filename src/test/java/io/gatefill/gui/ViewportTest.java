package io.gatefill.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Screen/image mapping: zoom to cursor, fit, pan, 100 %, clamping. */
class ViewportTest {
    @Test
    void zoomAtKeepsThePointUnderTheCursor() {
        Viewport v = new Viewport();
        v.fit(6000, 4000, 1000, 700);
        double ix = v.toImageX(321);
        double iy = v.toImageY(456);
        v.zoomAt(321, 456, v.zoom() * 3.7);
        assertThat(v.toImageX(321)).isCloseTo(ix, within(1e-9));
        assertThat(v.toImageY(456)).isCloseTo(iy, within(1e-9));
    }

    @Test
    void fitShowsTheWholeImageCentred() {
        Viewport v = new Viewport();
        v.fit(6000, 4000, 1000, 700);
        assertThat(v.toScreenX(0)).isGreaterThanOrEqualTo(0);
        assertThat(v.toScreenX(6000)).isLessThanOrEqualTo(1000);
        assertThat(v.toScreenY(0)).isGreaterThanOrEqualTo(0);
        assertThat(v.toScreenY(4000)).isLessThanOrEqualTo(700);
        assertThat(v.toScreenX(0) + v.toScreenX(6000)).isCloseTo(1000, within(2.0));
    }

    @Test
    void panMovesTheImageWithThePointer() {
        Viewport v = new Viewport();
        v.zoomAt(0, 0, 2);
        double before = v.toScreenX(100);
        v.panBy(30, -10);
        assertThat(v.toScreenX(100)).isEqualTo(before + 30);
        assertThat(v.toImageY(v.toScreenY(50))).isCloseTo(50, within(1e-9));
    }

    @Test
    void actualPixelsIsOneToOneAndZoomIsClamped() {
        Viewport v = new Viewport();
        v.actualPixels(800, 600);
        assertThat(v.toScreenX(11) - v.toScreenX(10)).isEqualTo(1.0);
        v.zoomAt(0, 0, 1e6);
        assertThat(v.zoom()).isEqualTo(Viewport.MAX_ZOOM);
        v.zoomAt(0, 0, 0);
        assertThat(v.zoom()).isEqualTo(Viewport.MIN_ZOOM);
    }

    @Test
    void actualPixelsOnAHighDpiScreenIsOnePhotoPixelPerDevicePixel() {
        Viewport v = new Viewport();
        v.fit(4000, 3000, 800, 600);
        v.actualPixels(800, 600, 2);
        assertThat(v.zoom()).as("half a logical pixel = one device pixel").isEqualTo(0.5);
        double a = v.toScreenX(1000) * 2;
        double b = v.toScreenX(1001) * 2;
        assertThat(b - a).as("adjacent photo pixels are adjacent device pixels").isEqualTo(1.0);
        assertThat(a).as("on a whole device pixel").isEqualTo(Math.rint(a));
        v.actualPixels(800, 600, 1.5);
        assertThat(v.zoom() * 1.5).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
    }
}
