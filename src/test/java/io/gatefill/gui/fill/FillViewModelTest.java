package io.gatefill.gui.fill;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatefill.core.document.Document;
import io.gatefill.core.document.MaskEdits;
import io.gatefill.core.document.MaskOps;
import io.gatefill.core.pipeline.FillEngine;
import io.gatefill.core.pipeline.InpaintInput;
import io.gatefill.core.settings.SettingsStore;
import io.gatefill.core.tools.ToolKind;
import io.gatefill.engine.EngineLoadListener;
import io.gatefill.engine.EngineOptions;
import io.gatefill.engine.ModelCard;
import io.gatefill.engine.ModelLoadException;
import io.gatefill.engine.ModelSession;
import io.gatefill.engine.ModelSessions;
import io.gatefill.engine.djl.DjlEngines;
import io.gatefill.engine.djl.DjlGateMapper;
import io.gatefill.gui.EditorAction;
import io.gatefill.gui.EditorViewModel;
import io.gatefill.gui.task.CurrentThreadTaskExecutor;
import io.gatefill.testing.Fixture;
import io.gatefill.testing.LentEngine;
import io.gatefill.testing.ShippedModel;
import io.gatefill.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Fill view model without a window, deterministic through the current-thread executor, running
 * the real DJL engine on the shipped model: do, undo, redo, cancel, errors, auto fill, gate maps.
 */
class FillViewModelTest {
    @TempDir
    Path dir;
    private final RecordingDialogs dialogs = new RecordingDialogs();
    private final AtomicInteger loads = new AtomicInteger();
    private EditorViewModel editor;
    private FillViewModel fill;
    private Document doc;

    @BeforeEach
    void setUp() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("config"));
        editor = new EditorViewModel(store.load(), store, new CurrentThreadTaskExecutor(), dialogs, null);
        editor.files().open(TestImages.photo(dir, "photo.png", 160, 120));
        doc = editor.getDocument();
        assertThat(doc).isNotNull();
    }

    @AfterEach
    void tearDown() {
        if (fill != null) {
            fill.close();
        }
    }

    /** The editor's own loader on {@code model}. */
    private static ModelLoader djl(Path model) {
        return ModelLoader.of(new ModelSessions(new DjlEngines(), model, EngineOptions.defaults()));
    }

    private FillViewModel fillWith(ModelLoader loader) {
        fill = new FillViewModel(editor, new CurrentThreadTaskExecutor(), dialogs, Runnable::run, loader);
        return fill;
    }

    /**
     * The shipped model: its engine, shared per JVM (so never closed here), and a gate view of its own;
     * counts loads, and {@code during} runs inside every model call.
     */
    private ModelLoader shipped(Consumer<InpaintInput> during) {
        return new ModelLoader() {
            @Override
            public ModelCard check() {
                return ShippedModel.card();
            }

            @Override
            public ModelSession load(EngineLoadListener listener) throws ModelLoadException {
                loads.incrementAndGet();
                return new ModelSession(new LentEngine(ShippedModel.engine(), during),
                        DjlGateMapper.load(ShippedModel.files(), ShippedModel.card()), null);
            }
        };
    }

    private void paintMask(double x0, double y0, double x1, double y1, int size) {
        stroke(ToolKind.MASK_BRUSH, x0, y0, x1, y1, size);
    }

    private void stroke(ToolKind tool, double x0, double y0, double x1, double y1, int size) {
        editor.tools().toolProperty().set(tool);
        editor.tools().brushSizeProperty().set(size);
        editor.tools().beginStroke(x0, y0);
        editor.tools().strokeTo(x1, y1);
        editor.tools().endStroke();
    }

    @Test
    void fillChangesOnlyHolePixelsClearsTheMaskAsOneStepAndUndoesAndRedoesExactly() {
        fillWith(shipped(in -> { }));
        paintMask(50, 60, 110, 60, 16);
        int[] before = doc.pixels().clone();
        byte[] maskBefore = doc.mask().data().clone();
        int steps = doc.history().size();

        fill.fill();

        assertThat(dialogs.errors).isEmpty();
        assertThat(doc.history().size()).isEqualTo(steps + 1);
        assertThat(doc.history().undoDescription()).isEqualTo(FillViewModel.EDIT_NAME);
        assertThat(doc.mask().isEmpty()).as("mask cleared by the fill").isTrue();
        int[] after = doc.pixels().clone();
        int changedInside = 0;
        for (int i = 0; i < before.length; i++) {
            if ((maskBefore[i] & 0xFF) >= 128) {
                changedInside += after[i] != before[i] ? 1 : 0;
            } else {
                assertThat(after[i]).as("pixel %d outside the hole", i).isEqualTo(before[i]);
            }
        }
        assertThat(changedInside).as("hole pixels replaced by the model").isGreaterThan(100);
        assertThat(fill.model().textProperty().get()).contains("Model: " + ShippedModel.name()).contains("cpu");
        assertThat(fill.runningProperty().get()).isFalse();

        editor.history().undo();
        assertThat(doc.pixels()).isEqualTo(before);
        assertThat(doc.mask().data()).isEqualTo(maskBefore);
        editor.history().redo();
        assertThat(doc.pixels()).isEqualTo(after);
        assertThat(doc.mask().isEmpty()).isTrue();
        editor.history().undo();
        assertThat(doc.pixels()).isEqualTo(before);
        assertThat(doc.previousMask()).as("the cleared mask is kept for 'reuse previous mask'").isNotNull();
    }

    @Test
    void clearWholeSketchWithFillClearsStrokesOutsideTheHoleInTheSameUndoStep() {
        fillWith(shipped(in -> { }));
        stroke(ToolKind.SKETCH_PEN, 20, 60, 140, 60, 3);
        paintMask(60, 60, 100, 60, 16);
        byte[] sketchBefore = doc.sketch().data().clone();
        int steps = doc.history().size();
        fill.clearWholeSketchProperty().set(true);

        fill.fill();

        assertThat(doc.history().size()).isEqualTo(steps + 1);
        assertThat(doc.sketch().isEmpty()).as("strokes outside the hole cleared too").isTrue();
        assertThat(fill.status().text()).doesNotContain("outside the hole kept");
        editor.history().undo();
        assertThat(doc.sketch().data()).isEqualTo(sketchBefore);
    }

    @Test
    void fillClearsTheSketchInsideTheHoleInTheSameUndoStep() {
        fillWith(shipped(in -> { }));
        stroke(ToolKind.SKETCH_PEN, 20, 60, 140, 60, 3); // a guide line through the hole and out both sides
        paintMask(60, 60, 100, 60, 16);
        int[] before = doc.pixels().clone();
        byte[] maskBefore = doc.mask().data().clone();
        byte[] sketchBefore = doc.sketch().data().clone();
        int steps = doc.history().size();

        fill.fill();

        assertThat(dialogs.errors).isEmpty();
        assertThat(doc.history().size()).as("one step for photo, mask and sketch").isEqualTo(steps + 1);
        byte[] sketchAfter = doc.sketch().data().clone();
        int clearedInHole = 0;
        for (int i = 0; i < sketchBefore.length; i++) {
            if (MaskOps.isHole(maskBefore[i])) {
                assertThat(sketchAfter[i]).as("sketch pixel %d in the hole", i).isZero();
                clearedInHole += sketchBefore[i] != 0 ? 1 : 0;
            } else {
                assertThat(sketchAfter[i]).as("sketch pixel %d outside the hole", i).isEqualTo(sketchBefore[i]);
            }
        }
        assertThat(clearedInHole).as("the guide line crossed the hole").isGreaterThan(80);
        assertThat(fill.status().text()).contains("sketch strokes outside the hole kept");
        assertThat(doc.sketch().get(30, 60)).as("the guide line outside the hole stays").isEqualTo(255);
        int[] after = doc.pixels().clone();

        editor.history().undo();
        assertThat(doc.pixels()).isEqualTo(before);
        assertThat(doc.mask().data()).isEqualTo(maskBefore);
        assertThat(doc.sketch().data()).isEqualTo(sketchBefore);
        editor.history().redo();
        assertThat(doc.pixels()).isEqualTo(after);
        assertThat(doc.mask().isEmpty()).isTrue();
        assertThat(doc.sketch().data()).isEqualTo(sketchAfter);
    }

    @Test
    void cancelDuringInferenceLeavesTheDocumentUntouched() {
        fillWith(shipped(in -> fill.cancel()));
        paintMask(40, 40, 90, 80, 12);
        int[] before = doc.pixels().clone();
        byte[] maskBefore = doc.mask().data().clone();
        int steps = doc.history().size();

        fill.fill();

        assertThat(dialogs.errors).as("cancel is not an error").isEmpty();
        assertThat(doc.pixels()).isEqualTo(before);
        assertThat(doc.mask().data()).isEqualTo(maskBefore);
        assertThat(doc.history().size()).isEqualTo(steps);
        assertThat(fill.status().text()).contains("cancelled");
        assertThat(fill.runningProperty().get()).isFalse();
    }

    @Test
    void fillIsDisabledWhileTheMaskIsEmptyAndAShortcutGetsAHintNotADialog() {
        fillWith(shipped(in -> { }));
        assertThat(fill.canFillProperty().get()).as("no mask painted yet").isFalse();
        int[] before = doc.pixels().clone();
        fill.fill();
        assertThat(dialogs.errors).isEmpty();
        assertThat(fill.status().text()).startsWith("Nothing to fill").contains("mask brush");
        assertThat(loads).hasValue(0);
        paintMask(40, 40, 60, 40, 6);
        assertThat(fill.canFillProperty().get()).as("after a mask stroke").isTrue();
        editor.history().undo();
        assertThat(fill.canFillProperty().get()).as("after undoing it").isFalse();
        assertThat(doc.pixels()).isEqualTo(before);
    }

    @Test
    void allHoleMaskIsRefusedAndLosesNothing() {
        fillWith(shipped(in -> { }));
        editor.history().push(MaskEdits.invertMask(doc)); // empty mask inverted: every pixel is a hole
        int[] before = doc.pixels().clone();
        fill.fill();
        assertThat(dialogs.errors).singleElement().asString().startsWith("Cannot fill").contains("whole image");
        assertThat(doc.pixels()).isEqualTo(before);
        assertThat(doc.mask().get(0, 0)).isEqualTo(255);
        assertThat(doc.history().undoDescription()).isEqualTo("Invert mask");
    }

    @Test
    void missingModelSwitchesFillToThePatchEngineWhichStillFills() {
        fillWith(djl(dir.resolve("nowhere/gatefill.pt")));
        fill.checkModel();
        assertThat(fill.model().textProperty().get()).startsWith("No model").contains("not found")
                .contains("patch engine");
        assertThat(fill.engineProperty().get()).isEqualTo(FillEngine.PATCH);
        paintMask(40, 40, 90, 40, 10);
        int[] before = doc.pixels().clone();
        fill.fill();
        assertThat(dialogs.errors).isEmpty();
        assertThat(doc.mask().isEmpty()).isTrue();
        assertThat(doc.pixels()).isNotEqualTo(before);
        assertThat(doc.history().undoDescription()).isEqualTo(FillViewModel.EDIT_NAME);
    }

    @Test
    void missingModelShowsWhereItLookedWhenAnEngineNeedsItAndLosesNothing() {
        fillWith(djl(dir.resolve("nowhere/gatefill.pt")));
        fill.engineProperty().set(FillEngine.HYBRID);
        paintMask(40, 40, 90, 40, 10);
        byte[] mask = doc.mask().data().clone();
        int[] before = doc.pixels().clone();
        fill.fill();
        assertThat(dialogs.errors).singleElement().asString().startsWith("Cannot load the model")
                .contains("nowhere").contains("unchanged").contains("patch engine");
        assertThat(doc.mask().data()).isEqualTo(mask);
        assertThat(doc.pixels()).isEqualTo(before);
        assertThat(fill.model().textProperty().get()).startsWith("Model problem");
        assertThat(fill.engineProperty().get()).isEqualTo(FillEngine.PATCH);
        paintMask(20, 20, 30, 30, 4);
        assertThat(doc.history().size()).as("painting still works").isEqualTo(2);
    }

    @Test
    void fillAgainReplacesTheLastFillByAnotherVariationInOneUndoStep() {
        fillWith(djl(dir.resolve("nowhere/gatefill.pt")));
        fill.engineProperty().set(FillEngine.PATCH);
        paintMask(40, 40, 90, 40, 10);
        int[] original = doc.pixels().clone();
        fill.fill();
        int[] first = doc.pixels().clone();
        int steps = doc.history().size();
        fill.fillAgain();
        assertThat(doc.pixels()).as("another seed, another fill").isNotEqualTo(first).isNotEqualTo(original);
        assertThat(doc.history().size()).isEqualTo(steps);
        assertThat(doc.mask().isEmpty()).isTrue();
        editor.history().undo();
        assertThat(doc.pixels()).isEqualTo(original);
        assertThat(doc.mask().isEmpty()).isFalse();
    }

    @Test
    void alteredModelFileIsRefusedByChecksum() throws Exception {
        Path model = dir.resolve("fixture.pt");
        Files.copy(Fixture.model(), model);
        Files.copy(Fixture.DIR.resolve("fixture.json"), dir.resolve("fixture.json"));
        Files.write(model, new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);
        fillWith(djl(model));
        paintMask(40, 40, 90, 40, 10);
        fill.fill();
        assertThat(dialogs.errors).singleElement().asString().contains("Checksum mismatch");
        assertThat(doc.history().size()).isEqualTo(1);
    }

    @Test
    void aDocumentChangedDuringTheFillDiscardsTheResult() {
        fillWith(shipped(in -> {
            // The user paints a sketch stroke while the model runs (same thread here, by design of the test).
            stroke(ToolKind.SKETCH_PEN, 10, 10, 30, 10, 10);
        }));
        paintMask(40, 40, 90, 40, 10);
        int[] before = doc.pixels().clone();
        fill.fill();
        assertThat(doc.pixels()).isEqualTo(before);
        assertThat(doc.history().descriptions()).containsExactly("Mask brush", "Sketch pen");
        assertThat(fill.status().text()).contains("discarded");
        assertThat(doc.mask().isEmpty()).isFalse();
    }

    @Test
    void fillAfterEachStrokeFillsWhenAStrokeEndsAndLoadsTheModelOnce() {
        fillWith(shipped(in -> { }));
        fill.fillAfterStrokeProperty().set(true);
        paintMask(40, 40, 90, 40, 10); // the history reports the pushed stroke: Fill reacts to it
        assertThat(doc.history().descriptions()).containsExactly("Mask brush", "Fill");
        paintMask(100, 80, 120, 90, 10);
        assertThat(doc.history().descriptions()).containsExactly("Mask brush", "Fill", "Mask brush", "Fill");
        assertThat(loads).hasValue(1);
        editor.history().undo(); // an undo is not a stroke: nothing happens
        assertThat(doc.history().position()).isEqualTo(3);
        editor.history().redo(); // nor is a redo
        editor.perform(EditorAction.INVERT_MASK); // nor a mask command
        assertThat(doc.history().descriptions()).containsExactly("Mask brush", "Fill", "Mask brush", "Fill", "Invert mask");
    }

    @Test
    void fillIsAnActionOfTheEditorShellEnabledWhileThereIsAMask() {
        fillWith(shipped(in -> { }));
        fill.engineProperty().set(FillEngine.PATCH);
        assertThat(editor.executable(EditorAction.FILL).get()).as("no mask yet").isFalse();
        assertThat(editor.executable(EditorAction.FILL_CANCEL).get()).as("nothing running").isFalse();
        paintMask(40, 40, 90, 40, 10);
        assertThat(editor.executable(EditorAction.FILL).get()).isTrue();
        editor.perform(EditorAction.FILL);
        assertThat(doc.history().descriptions()).containsExactly("Mask brush", "Fill");
        assertThat(doc.history().undoDescription()).isEqualTo(FillViewModel.EDIT_NAME);
        assertThat(editor.executable(EditorAction.FILL).get()).as("the mask went with the fill").isFalse();
        editor.perform(EditorAction.FILL_AGAIN);
        assertThat(doc.history().descriptions()).as("the variation replaces the fill").containsExactly("Mask brush", "Fill");
        assertThat(fill.status().text()).startsWith("Filled 1 region(s) with patch");
        assertThat(editor.statusMessageProperty().get()).as("Fill writes its own status only")
                .doesNotContain("Filled");
    }

    @Test
    void gateMapsOfEveryLayerCoverTheModelWindow() {
        fillWith(shipped(in -> { }));
        paintMask(60, 50, 100, 70, 12);
        fill.gates().showProperty().set(true); // computes a preview for the current mask, without filling
        assertThat(dialogs.errors).isEmpty();
        assertThat(doc.history().size()).as("a preview changes nothing").isEqualTo(1);
        assertThat(fill.gates().layers()).hasSize(5).first().asString().contains("coarse.conv1");
        assertThat(fill.gates().windowsProperty().get()).hasSize(1);
        GateWindow w = fill.gates().windowsProperty().get().get(0);
        assertThat(w.window().contains(60, 50)).isTrue();
        assertThat(w.maps().maps().length).isEqualTo(5);
        for (float[] map : w.maps().maps()) {
            for (float v : map) {
                assertThat(v).isBetween(0f, 1f);
            }
        }
        fill.fill();
        assertThat(doc.history().undoDescription()).isEqualTo("Fill");
        assertThat(fill.gates().windowsProperty().get()).as("the fill's own gate maps").hasSize(1);
    }
}
