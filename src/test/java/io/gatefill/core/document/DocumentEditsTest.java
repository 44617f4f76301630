package io.gatefill.core.document;

import static io.gatefill.core.document.DocumentFixtures.assertUndoRedo;
import static io.gatefill.core.document.DocumentFixtures.document;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatefill.core.history.CompositeEdit;
import io.gatefill.core.raster.GrayRaster;
import io.gatefill.core.raster.Rect;
import io.gatefill.core.tools.BrushSettings;
import io.gatefill.core.tools.BrushTool;
import io.gatefill.core.tools.ToolKind;
import io.gatefill.testing.Images;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** do → assert → undo → assert → redo → assert for every edit type a document knows. */
class DocumentEditsTest {
    private final Document doc = document(200, 150);

    private void stroke(ToolKind kind, int size, double... points) {
        BrushTool tool = new BrushTool(kind, new BrushSettings(size, 1.0));
        tool.startStroke(doc, points[0], points[1]);
        for (int i = 2; i < points.length; i += 2) {
            tool.continueTo(points[i], points[i + 1]);
        }
        tool.finishStroke();
    }

    private static int at(GrayRaster r, int x, int y) {
        return r.get(x, y);
    }

    @Test
    void maskBrushStroke() {
        assertUndoRedo(doc, () -> stroke(ToolKind.MASK_BRUSH, 10, 20, 20, 120, 20, 120, 100),
                d -> assertThat(d.mask().isEmpty()).isTrue(),
                d -> {
                    assertThat(at(d.mask(), 70, 20)).isEqualTo(255);
                    assertThat(at(d.mask(), 120, 60)).isEqualTo(255);
                    assertThat(at(d.mask(), 70, 60)).isZero();
                    assertThat(d.sketch().isEmpty()).isTrue();
                });
        assertThat(doc.history().undoDescription()).isEqualTo("Mask brush");
    }

    @Test
    void maskEraserStroke() {
        stroke(ToolKind.MASK_BRUSH, 40, 20, 75, 180, 75);
        assertUndoRedo(doc, () -> stroke(ToolKind.MASK_ERASER, 10, 100, 40, 100, 110),
                d -> assertThat(at(d.mask(), 100, 75)).isEqualTo(255),
                d -> {
                    assertThat(at(d.mask(), 100, 75)).isZero();
                    assertThat(at(d.mask(), 50, 75)).isEqualTo(255);
                });
    }

    @Test
    void sketchPenStroke() {
        assertUndoRedo(doc, () -> stroke(ToolKind.SKETCH_PEN, 4, 10, 140, 190, 10),
                d -> assertThat(d.sketch().isEmpty()).isTrue(),
                d -> {
                    assertThat(at(d.sketch(), 100, 75)).isEqualTo(255);
                    assertThat(d.mask().isEmpty()).isTrue();
                });
    }

    @Test
    void sketchEraserStroke() {
        stroke(ToolKind.SKETCH_PEN, 6, 0, 50, 200, 50);
        assertUndoRedo(doc, () -> stroke(ToolKind.SKETCH_ERASER, 20, 100, 0, 100, 149),
                d -> assertThat(at(d.sketch(), 100, 50)).isEqualTo(255),
                d -> {
                    assertThat(at(d.sketch(), 100, 50)).isZero();
                    assertThat(at(d.sketch(), 20, 50)).isEqualTo(255);
                });
    }

    @Test
    void lShapedStrokeRestoresPixelsItNeverTouched() {
        // The affected rectangle of an L spans tiles the stroke never touched; undo must keep them.
        stroke(ToolKind.MASK_BRUSH, 6, 190, 140, 195, 145);
        assertUndoRedo(doc, () -> stroke(ToolKind.MASK_BRUSH, 4, 2, 2, 2, 140, 150, 140),
                d -> assertThat(at(d.mask(), 192, 142)).isEqualTo(255),
                d -> {
                    assertThat(at(d.mask(), 2, 70)).isEqualTo(255);
                    assertThat(at(d.mask(), 192, 142)).isEqualTo(255);
                });
    }

    @Test
    void clearMaskRemembersItForReuse() {
        stroke(ToolKind.MASK_BRUSH, 30, 50, 50, 150, 100);
        long painted = doc.mask().count();
        assertUndoRedo(doc, () -> MaskEdits.clearMask(doc).ifPresent(doc.history()::push),
                d -> assertThat(d.mask().count()).isEqualTo(painted),
                d -> assertThat(d.mask().isEmpty()).isTrue());
        assertThat(doc.previousMask()).isNotNull();
        assertThat(doc.previousMask().count()).isEqualTo(painted);
    }

    @Test
    void clearMaskRemovesASoftBrushRimThatIsNotOn() {
        BrushTool soft = new BrushTool(ToolKind.MASK_BRUSH, new BrushSettings(40, 0.0));
        soft.startStroke(doc, 60, 60);
        soft.continueTo(140, 60);
        soft.finishStroke();
        GrayRaster mask = doc.mask();
        Rect on = mask.bounds();
        Rect drawn = mask.extent();
        assertThat(drawn.width()).as("a soft stroke's faint rim lies outside its on-pixels").isGreaterThan(on.width());
        assertUndoRedo(doc, () -> MaskEdits.clearMask(doc).ifPresent(doc.history()::push),
                d -> assertThat(d.mask().extent()).isEqualTo(drawn),
                d -> assertThat(d.mask().data()).containsOnly((byte) 0));
    }

    @Test
    void clearOfAnEmptyMaskIsNoEdit() {
        assertThat(MaskEdits.clearMask(doc)).isEmpty();
        assertThat(MaskEdits.clearSketch(doc)).isEmpty();
    }

    @Test
    void clearSketch() {
        stroke(ToolKind.SKETCH_PEN, 3, 10, 10, 100, 100);
        assertUndoRedo(doc, () -> MaskEdits.clearSketch(doc).ifPresent(doc.history()::push),
                d -> assertThat(d.sketch().isEmpty()).isFalse(),
                d -> assertThat(d.sketch().isEmpty()).isTrue());
    }

    @Test
    void invertMask() {
        stroke(ToolKind.MASK_BRUSH, 20, 30, 30, 30, 30);
        byte[] before = doc.mask().data().clone();
        assertUndoRedo(doc, () -> doc.history().push(MaskEdits.invertMask(doc)),
                d -> assertThat(at(d.mask(), 0, 0)).isZero(),
                d -> {
                    assertThat(at(d.mask(), 0, 0)).isEqualTo(255);
                    assertThat(at(d.mask(), 30, 30)).isZero();
                    for (int i = 0; i < before.length; i++) {
                        assertThat(d.mask().data()[i] & 0xFF).isEqualTo(255 - (before[i] & 0xFF));
                    }
                });
    }

    @Test
    void growMask() {
        doc.mask().set(100, 75, 255);
        assertUndoRedo(doc, () -> MaskEdits.growMask(doc, 3).ifPresent(doc.history()::push),
                d -> assertThat(d.mask().count()).isEqualTo(1),
                d -> {
                    // lattice points within a disc of radius 3: 29
                    assertThat(d.mask().count()).isEqualTo(29);
                    assertThat(at(d.mask(), 103, 75)).isEqualTo(255);
                    assertThat(at(d.mask(), 103, 76)).isZero();
                });
    }

    @Test
    void shrinkMask() {
        for (int y = 50; y < 100; y++) {
            for (int x = 50; x < 100; x++) {
                doc.mask().set(x, y, 255);
            }
        }
        assertUndoRedo(doc, () -> MaskEdits.shrinkMask(doc, 5).ifPresent(doc.history()::push),
                d -> assertThat(d.mask().count()).isEqualTo(2500),
                d -> {
                    assertThat(d.mask().count()).isEqualTo(40 * 40);
                    assertThat(at(d.mask(), 55, 55)).isEqualTo(255);
                    assertThat(at(d.mask(), 54, 60)).isZero();
                });
    }

    @Test
    void importMaskReplacesTheMask() {
        stroke(ToolKind.MASK_BRUSH, 10, 10, 10, 10, 10);
        GrayRaster imported = new GrayRaster(200, 150);
        for (int x = 150; x < 190; x++) {
            imported.set(x, 120, 255);
        }
        assertUndoRedo(doc, () -> MaskEdits.replaceMask(doc, imported, "Import mask").ifPresent(doc.history()::push),
                d -> assertThat(at(d.mask(), 10, 10)).isEqualTo(255),
                d -> {
                    assertThat(at(d.mask(), 10, 10)).isZero();
                    assertThat(d.mask().count()).isEqualTo(40);
                });
        assertThatThrownBy(() -> MaskEdits.replaceMask(doc, new GrayRaster(10, 10), "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10x10").hasMessageContaining("200x150");
    }

    @Test
    void reusePreviousMask() {
        stroke(ToolKind.MASK_BRUSH, 30, 60, 60, 120, 60);
        GrayRaster painted = doc.mask().copy();
        MaskEdits.clearMask(doc).ifPresent(doc.history()::push);
        assertUndoRedo(doc, () -> MaskEdits.reusePreviousMask(doc).ifPresent(doc.history()::push),
                d -> assertThat(d.mask().isEmpty()).isTrue(),
                d -> assertThat(d.mask().data()).isEqualTo(painted.data()));
        assertThat(doc.history().undoDescription()).isEqualTo("Reuse previous mask");
    }

    @Test
    void imageRegionEdit() {
        Rect region = new Rect(40, 30, 20, 10);
        int[] red = new int[200];
        java.util.Arrays.fill(red, 0xFFFF0000);
        List<Rect> heard = new ArrayList<>();
        doc.addListener((layer, r) -> {
            if (layer == Layer.IMAGE) {
                heard.add(r);
            }
        });
        long imageRevision = doc.imageRevision();
        int before = doc.image().getRGB(45, 35);
        assertThat(doc.hasSeparateOriginal()).as("no copy of the photo until it changes").isFalse();
        assertUndoRedo(doc, () -> doc.history().push(new ImageRegionEdit(doc, region, red, "Fill")),
                d -> assertThat(d.image().getRGB(45, 35)).isNotEqualTo(0xFFFF0000),
                d -> {
                    assertThat(d.image().getRGB(45, 35)).isEqualTo(0xFFFF0000);
                    assertThat(d.image().getRGB(39, 35)).isNotEqualTo(0xFFFF0000);
                    assertThat(d.image().getRGB(60, 35)).isNotEqualTo(0xFFFF0000);
                });
        assertThat(heard).containsOnly(region).hasSize(3);
        assertThat(doc.hasSeparateOriginal()).isTrue();
        assertThat(doc.original().getRGB(45, 35)).as("the original keeps the opened pixels").isEqualTo(before);
        assertThat(doc.imageRevision()).isEqualTo(imageRevision + 3);
        assertThat(new ImageRegionEdit(doc, region, red, "x").bytes()).isGreaterThanOrEqualTo(800);
    }

    @Test
    void compositeFillEditRestoresImageAndMaskTogether() {
        stroke(ToolKind.MASK_BRUSH, 10, 50, 50, 60, 50);
        Rect region = doc.mask().bounds();
        int[] filled = new int[Math.toIntExact(region.area())];
        java.util.Arrays.fill(filled, 0xFF00FF00);
        assertUndoRedo(doc, () -> doc.history().push(new CompositeEdit("Fill", List.of(
                        new ImageRegionEdit(doc, region, filled, "Fill image"),
                        MaskEdits.clearMask(doc).orElseThrow()))),
                d -> {
                    assertThat(at(d.mask(), 55, 50)).isEqualTo(255);
                    assertThat(d.image().getRGB(55, 50)).isNotEqualTo(0xFF00FF00);
                },
                d -> {
                    assertThat(d.mask().isEmpty()).isTrue();
                    assertThat(d.image().getRGB(55, 50)).isEqualTo(0xFF00FF00);
                });
        assertThat(doc.history().undoDescription()).isEqualTo("Fill");
        assertThat(doc.previousMask()).isNotNull();
    }

    @Test
    void inpaintFillIsOneStepForImageAndMask() {
        stroke(ToolKind.MASK_BRUSH, 12, 100, 60, 140, 60);
        GrayRaster painted = doc.mask().copy();
        Rect region = new Rect(80, 40, 80, 40);
        java.awt.image.BufferedImage patch = Images.solid(80, 40, 0xFF123456);
        assertUndoRedo(doc, () -> doc.history().push(InpaintEdits.fill(doc, region, patch, "Remove object")),
                d -> {
                    assertThat(d.mask().data()).isEqualTo(painted.data());
                    assertThat(d.image().getRGB(120, 60)).isNotEqualTo(0xFF123456);
                },
                d -> {
                    assertThat(d.mask().isEmpty()).isTrue();
                    assertThat(d.image().getRGB(120, 60)).isEqualTo(0xFF123456);
                    assertThat(d.image().getRGB(79, 60)).isNotEqualTo(0xFF123456);
                });
        assertThat(doc.history().undoDescription()).isEqualTo("Remove object");
        assertThat(doc.previousMask().data()).isEqualTo(painted.data());
    }

    @Test
    void inpaintFillClearsTheSketchInsideTheHoleInTheSameStep() {
        stroke(ToolKind.MASK_BRUSH, 12, 100, 60, 140, 60);
        stroke(ToolKind.SKETCH_PEN, 2, 60, 60, 180, 60); // through the hole and beyond it on both sides
        stroke(ToolKind.SKETCH_PEN, 2, 20, 120, 180, 120); // nowhere near the hole
        Rect region = doc.mask().bounds();
        java.awt.image.BufferedImage patch = Images.solid(region.width(), region.height(), 0xFF123456);
        assertUndoRedo(doc, () -> doc.history().push(InpaintEdits.fill(doc, region, patch, "Fill")),
                d -> {
                    assertThat(at(d.sketch(), 120, 60)).isEqualTo(255);
                    assertThat(at(d.mask(), 120, 60)).isEqualTo(255);
                },
                d -> {
                    assertThat(d.mask().isEmpty()).isTrue();
                    for (int x = region.x(); x < region.right(); x++) {
                        assertThat(at(d.sketch(), x, 60)).as("sketch in the hole at x=%d", x).isZero();
                    }
                    assertThat(at(d.sketch(), 70, 60)).as("sketch left of the hole").isEqualTo(255);
                    assertThat(at(d.sketch(), 170, 60)).as("sketch right of the hole").isEqualTo(255);
                    assertThat(at(d.sketch(), 100, 120)).as("a stroke away from the hole").isEqualTo(255);
                });
        assertThat(doc.history().descriptions()).containsExactly("Mask brush", "Sketch pen", "Sketch pen", "Fill");
    }

    @Test
    void strokeEditStoresOnlyTheDirtyRectangle() {
        Document big = document(2000, 2000);
        BrushTool tool = new BrushTool(ToolKind.MASK_BRUSH, new BrushSettings(20, 1));
        tool.startStroke(big, 100, 100);
        tool.continueTo(140, 100);
        tool.finishStroke();
        // 40 px long + 20 px brush + rims: far below the 4 MB of the whole layer
        assertThat(big.history().bytes()).isLessThan(5_000);
    }
}
