package io.gatefill.core.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatefill.core.document.Document;
import io.gatefill.core.document.DocumentFixtures;
import io.gatefill.core.document.Layer;
import io.gatefill.core.document.MaskOps;
import io.gatefill.core.history.Edit;
import io.gatefill.core.history.EditKind;
import io.gatefill.core.raster.GrayRaster;
import io.gatefill.core.raster.Rect;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Brush rasterising (hard, soft, no build-up), dirty rectangles per segment and the stroke protocol. */
class BrushToolTest {
    @Test
    void softBrushLeavesPartialValuesThatBinariseAtHalf() {
        GrayRaster r = new GrayRaster(100, 100);
        BrushRasterizer.paintSegment(r, 50, 50, 50, 50, 40, 0.0, false);
        assertThat(r.get(50, 50)).isGreaterThan(240);
        int edge = r.get(50 + 15, 50);
        assertThat(edge).isBetween(1, 254);
        assertThat(r.get(50 + 21, 50)).isZero();
        GrayRaster binary = MaskOps.binarise(r);
        for (int x = 50; x < 75; x++) {
            assertThat(binary.get(x, 50)).isEqualTo(r.get(x, 50) >= MaskOps.HOLE_THRESHOLD ? 255 : 0);
        }
    }

    @Test
    void hardBrushCoversItsDiameter() {
        GrayRaster r = new GrayRaster(100, 100);
        BrushRasterizer.paintSegment(r, 50, 50, 50, 50, 20, 1.0, false);
        assertThat(r.get(50 + 8, 50)).isEqualTo(255);
        assertThat(r.get(50 + 12, 50)).isZero();
        // area close to pi * 10^2
        assertThat(r.count()).isBetween(300L, 340L);
    }

    @Test
    void paintingTwiceDoesNotBuildUp() {
        GrayRaster r = new GrayRaster(60, 60);
        BrushRasterizer.paintSegment(r, 30, 30, 30, 30, 30, 0.0, false);
        byte[] once = r.data().clone();
        BrushRasterizer.paintSegment(r, 30, 30, 30, 30, 30, 0.0, false);
        assertThat(r.data()).isEqualTo(once);
    }

    @Test
    void strokeTellsListenersEachSegmentsRectangleOnly() {
        Document doc = DocumentFixtures.document(500, 500);
        List<Rect> rects = new ArrayList<>();
        doc.addListener((layer, region) -> {
            assertThat(layer).isEqualTo(Layer.MASK);
            rects.add(region);
        });
        BrushTool tool = new BrushTool(ToolKind.MASK_BRUSH, new BrushSettings(10, 1));
        tool.startStroke(doc, 10, 10);
        tool.continueTo(30, 10);
        tool.continueTo(30, 400);
        assertThat(tool.finishStroke()).get().extracting(Edit::kind)
                .isEqualTo(EditKind.STROKE);
        assertThat(rects).hasSize(3);
        assertThat(rects.get(1).width()).isLessThan(40);
        assertThat(rects.get(1).height()).isLessThan(20);
    }

    @Test
    void strokeOutsideTheImageIsNoEdit() {
        Document doc = DocumentFixtures.document(50, 50);
        BrushTool tool = new BrushTool(ToolKind.MASK_BRUSH, new BrushSettings(10, 1));
        tool.startStroke(doc, -100, -100);
        tool.continueTo(-80, -90);
        assertThat(tool.finishStroke()).isEmpty();
        assertThat(doc.history().size()).isZero();
    }

    @Test
    void protocolMisuseIsRefused() {
        Document doc = DocumentFixtures.document(50, 50);
        BrushTool tool = new BrushTool(ToolKind.MASK_BRUSH, new BrushSettings(10, 1));
        assertThatThrownBy(() -> tool.continueTo(1, 1)).isInstanceOf(IllegalStateException.class);
        tool.startStroke(doc, 1, 1);
        assertThatThrownBy(() -> tool.startStroke(doc, 1, 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void sizeStepsGrowWithTheSize() {
        assertThat(BrushSettings.larger(5)).isEqualTo(6);
        assertThat(BrushSettings.larger(60)).isEqualTo(70);
        assertThat(BrushSettings.smaller(70)).isEqualTo(60);
        assertThat(BrushSettings.smaller(1)).isEqualTo(1);
        assertThat(BrushSettings.larger(BrushSettings.MAX_SIZE)).isEqualTo(BrushSettings.MAX_SIZE);
    }
}
