package io.gatefill.gui;

import io.gatefill.testing.TestImages;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatefill.core.document.Document;
import io.gatefill.core.io.SaveOptions;
import io.gatefill.core.project.ProjectFile;
import io.gatefill.core.project.RecoveryStore;
import io.gatefill.core.settings.Settings;
import io.gatefill.core.settings.SettingsStore;
import io.gatefill.core.tools.ToolKind;
import io.gatefill.engine.ModelFiles;
import io.gatefill.engine.ModelLocator;
import io.gatefill.gui.task.CurrentThreadTaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The view model without a window: deterministic through CurrentThreadTaskExecutor and FakeDialogs. */
class EditorViewModelTest {
    @TempDir
    Path dir;
    private final FakeDialogs dialogs = new FakeDialogs();
    private Settings settings;
    private SettingsStore store;
    private EditorViewModel vm;

    @BeforeEach
    void setUp() {
        store = new SettingsStore(dir.resolve("config"));
        settings = store.load();
        vm = new EditorViewModel(settings, store, new CurrentThreadTaskExecutor(), dialogs, null);
    }

    private Document openPhoto() throws Exception {
        Path photo = TestImages.photo(dir, "photo.png", 320, 240);
        vm.files().open(photo);
        assertThat(dialogs.errors).isEmpty();
        return vm.getDocument();
    }

    private void paint(double x0, double y0, double x1, double y1) {
        vm.tools().beginStroke(x0, y0);
        vm.tools().strokeTo(x1, y1);
        vm.tools().endStroke();
    }

    @Test
    void opensAPhotoAndRemembersItInTheSettingsFile() throws Exception {
        Document doc = openPhoto();
        assertThat(doc.width()).isEqualTo(320);
        assertThat(vm.sizeTextProperty().get()).contains("320");
        assertThat(vm.recent().recentFiles()).hasSize(1);
        assertThat(store.load().recentFiles).containsExactly(dir.resolve("photo.png").toAbsolutePath().toString());
        assertThat(vm.history().titleProperty().get()).contains("photo.png");
    }

    @Test
    void badFilesShowAnErrorAndKeepTheCurrentWork() throws Exception {
        Document doc = openPhoto();
        paint(50, 50, 150, 50);
        byte[] mask = doc.mask().data().clone();
        Path empty = Files.createFile(dir.resolve("empty.jpg"));
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "just text, not a picture");
        List<Path> bad = List.of(TestImages.garbage(dir, "noise.png"), TestImages.truncated(dir), empty, text,
                TestImages.hugeHeaderPng(dir), dir.resolve("missing.png"), TestImages.garbage(dir, "noise.gatefill"));
        dialogs.saveChoice = DialogService.SaveChoice.DISCARD; // even then, a failed open must not lose the work
        for (Path file : bad) {
            vm.files().open(file);
        }
        assertThat(dialogs.errors).hasSize(bad.size());
        assertThat(dialogs.saveQuestions).as("a file that does not open never asks about the current work").isZero();
        assertThat(dialogs.errors).allSatisfy(e -> assertThat(e).startsWith("Cannot open"));
        assertThat(dialogs.errors.get(4)).as("the huge header is refused with its size").containsAnyOf("100000", "pixels");
        assertThat(vm.getDocument()).isSameAs(doc);
        assertThat(doc.mask().data()).isEqualTo(mask);
        assertThat(doc.history().canUndo()).isTrue();
    }

    @Test
    void pixelLimitRefusesBeforeDecoding() throws Exception {
        settings.maxPixels = 10_000;
        vm.files().open(TestImages.photo(dir, "big.png", 200, 100));
        assertThat(vm.getDocument()).isNull();
        assertThat(dialogs.errors).hasSize(1);
    }

    @Test
    void importingAMaskOfTheWrongSizeNamesBothSizes() throws Exception {
        Document doc = openPhoto();
        Path small = TestImages.photo(dir, "mask.png", 50, 40);
        vm.files().importMask(small);
        assertThat(dialogs.errors).hasSize(1);
        assertThat(dialogs.errors.get(0)).contains("50").contains("320");
        assertThat(doc.history().size()).isZero();
    }

    @Test
    void maskExportAndImportRoundTrip() throws Exception {
        Document doc = openPhoto();
        paint(20, 20, 200, 120);
        byte[] painted = io.gatefill.core.document.MaskOps.binarise(doc.mask()).data();
        Path maskFile = dir.resolve("m.png");
        vm.files().exportMask(maskFile);
        vm.perform(EditorAction.CLEAR_MASK);
        assertThat(doc.mask().isEmpty()).isTrue();
        vm.files().importMask(maskFile);
        assertThat(doc.mask().data()).isEqualTo(painted);
        vm.history().undo();
        assertThat(doc.mask().isEmpty()).isTrue();
    }

    @Test
    void menuMaskCommandsAreUndoable() throws Exception {
        Document doc = openPhoto();
        paint(100, 100, 100, 100);
        long dot = doc.mask().count();
        dialogs.pixels = 5;
        vm.perform(EditorAction.GROW_MASK);
        assertThat(doc.mask().count()).isGreaterThan(dot);
        vm.perform(EditorAction.SHRINK_MASK);
        vm.perform(EditorAction.INVERT_MASK);
        vm.perform(EditorAction.CLEAR_MASK);
        vm.perform(EditorAction.REUSE_MASK);
        assertThat(vm.history().items()).containsExactly("Opened", "Mask brush", "Grow mask 5 px", "Shrink mask 5 px",
                "Invert mask", "Clear mask", "Reuse previous mask");
        vm.history().jumpTo(1);
        assertThat(doc.mask().count()).isEqualTo(dot);
        assertThat(vm.history().positionProperty().get()).isEqualTo(1);
        assertThat(vm.history().canRedoProperty().get()).isTrue();
    }

    @Test
    void toolsKeepTheirOwnBrushSizeAndBracketsStep() throws Exception {
        openPhoto();
        vm.tools().toolProperty().set(ToolKind.MASK_BRUSH);
        vm.tools().brushSizeProperty().set(40);
        vm.perform(EditorAction.BRUSH_LARGER);
        assertThat(vm.tools().brushSizeProperty().get()).as("x1.25").isEqualTo(50);
        vm.perform(EditorAction.TOOL_SKETCH_PEN);
        assertThat(vm.tools().brushSizeProperty().get()).isEqualTo(
                BrushSizing.initialSize(ToolKind.SKETCH_PEN, vm.getDocument().width(), vm.getDocument().height()));
        vm.perform(EditorAction.TOOL_MASK_BRUSH);
        assertThat(vm.tools().brushSizeProperty().get()).isEqualTo(50);
    }

    @Test
    void exportNeverOverwritesTheOriginalWithoutConfirmation() throws Exception {
        Path photo = TestImages.photo(dir, "original.png", 120, 90);
        byte[] originalBytes = Files.readAllBytes(photo);
        vm.files().open(photo);
        paint(10, 10, 100, 80);
        dialogs.confirmAnswer = false;
        vm.files().exportTo(photo, new io.gatefill.core.io.SaveOptions(io.gatefill.core.io.SaveOptions.Format.PNG, 0.9f, false));
        assertThat(dialogs.confirmations).hasSize(1);
        assertThat(Files.readAllBytes(photo)).isEqualTo(originalBytes);

        Path copy = dir.resolve("copy.jpg");
        dialogs.files.add(copy);
        vm.perform(EditorAction.EXPORT);
        assertThat(dialogs.confirmations).hasSize(1);
        assertThat(Files.size(copy)).isPositive();

        dialogs.confirmAnswer = true;
        vm.files().exportTo(photo, new io.gatefill.core.io.SaveOptions(io.gatefill.core.io.SaveOptions.Format.PNG, 0.9f, false));
        assertThat(Files.readAllBytes(photo)).isNotEqualTo(originalBytes);
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void aProjectOrMaskIsNeverWrittenOverThePhotoItCameFrom() throws Exception {
        Document doc = openPhoto();
        paint(30, 30, 200, 30);
        Path photo = dir.resolve("photo.png");
        byte[] original = Files.readAllBytes(photo);

        vm.files().saveProjectTo(dir.resolve("config/../photo.png"), null);
        vm.files().exportMask(Files.createSymbolicLink(dir.resolve("mask-link.png"), photo));

        assertThat(dialogs.errors).hasSize(2).allSatisfy(e -> assertThat(e).contains("Refusing to write")
                .contains("it is the photo you opened"));
        assertThat(Files.readAllBytes(photo)).isEqualTo(original);
        assertThat(doc.history().isDirty()).isTrue();
    }

    @Test
    void savesNeverWriteOverTheModelInUseNamedByTheModelProperty() throws Exception {
        Path models = Files.createDirectories(dir.resolve("mine"));
        Path model = Files.writeString(models.resolve("m.pt"), "generator");
        Path card = Files.writeString(models.resolve("m.json"), "card");
        System.setProperty(ModelLocator.PROPERTY, model.toString());
        try {
            openPhoto();
            paint(30, 30, 200, 30);

            vm.files().exportMask(model);
            vm.files().exportTo(card, new SaveOptions(SaveOptions.Format.PNG, 0.9f, false));
            vm.files().saveProjectTo(models.resolve("m.gates.pt"), null);
        } finally {
            System.clearProperty(ModelLocator.PROPERTY);
        }

        assertThat(dialogs.errors).hasSize(3).allSatisfy(e -> assertThat(e).contains("Refusing to write")
                .contains("it is the model file"));
        assertThat(model).hasContent("generator");
        assertThat(card).hasContent("card");
        assertThat(models.resolve("m.gates.pt")).doesNotExist();
    }

    @Test
    void theModelInUseIsTheOneTheEditorIsGivenNotTheDefault() throws Exception {
        Path model = Files.writeString(dir.resolve("given.pt"), "generator");
        vm = new EditorViewModel(settings, store, new CurrentThreadTaskExecutor(), dialogs, null,
                () -> ModelFiles.of(model));
        openPhoto();

        vm.files().exportMask(model);

        assertThat(dialogs.errors).singleElement().asString().contains("it is the model file " + model);
        assertThat(model).hasContent("generator");
    }

    @Test
    void savingAProjectMarksCleanAndReopensTheSameState() throws Exception {
        Document doc = openPhoto();
        paint(30, 30, 200, 30);
        vm.perform(EditorAction.TOOL_SKETCH_PEN);
        paint(30, 100, 200, 100);
        assertThat(vm.history().dirtyProperty().get()).isTrue();
        Path project = dir.resolve("work");
        dialogs.files.add(project);
        vm.perform(EditorAction.SAVE_PROJECT);
        Path saved = dir.resolve("work" + ProjectFile.EXTENSION);
        assertThat(saved).exists();
        assertThat(vm.history().dirtyProperty().get()).isFalse();
        assertThat(doc.projectPath()).isEqualTo(saved);

        vm.files().open(saved);
        Document reopened = vm.getDocument();
        assertThat(reopened).isNotSameAs(doc);
        assertThat(reopened.mask().data()).isEqualTo(doc.mask().data());
        assertThat(reopened.sketch().data()).isEqualTo(doc.sketch().data());
        assertThat(reopened.sourcePath()).isEqualTo(doc.sourcePath());
        assertThat(vm.history().dirtyProperty().get()).isFalse();
    }

    @Test
    void openingAnotherPhotoAsksAfterReadingItAndCanExportTheWorkFirst() throws Exception {
        Document doc = openPhoto();
        paint(50, 50, 150, 50);
        Path next = TestImages.photo(dir, "next.png", 200, 100);
        dialogs.saveChoice = DialogService.SaveChoice.CANCEL;
        vm.files().open(next);
        assertThat(dialogs.saveQuestions).isEqualTo(1);
        assertThat(vm.getDocument()).as("cancel keeps the work").isSameAs(doc);

        Path exported = dir.resolve("work.png");
        dialogs.saveChoice = DialogService.SaveChoice.EXPORT;
        dialogs.files.add(exported);
        vm.files().open(next);
        assertThat(dialogs.errors).isEmpty();
        assertThat(exported).as("the edited image was exported before it was let go").isRegularFile();
        assertThat(javax.imageio.ImageIO.read(exported.toFile()).getWidth()).isEqualTo(doc.width());
        assertThat(vm.getDocument().sourcePath()).isEqualTo(next);
    }

    @Test
    void closingWithUnsavedWorkAsks() throws Exception {
        openPhoto();
        assertThat(vm.files().confirmClose()).isTrue();
        assertThat(dialogs.saveQuestions).isZero();
        paint(10, 10, 20, 20);
        dialogs.saveChoice = DialogService.SaveChoice.CANCEL;
        assertThat(vm.files().confirmClose()).isFalse();
        dialogs.saveChoice = DialogService.SaveChoice.SAVE;
        dialogs.files.add(dir.resolve("closing.gatefill"));
        assertThat(vm.files().confirmClose()).isTrue();
        assertThat(dir.resolve("closing.gatefill")).exists();
        assertThat(vm.history().dirtyProperty().get()).isFalse();
        paint(30, 30, 40, 40);
        dialogs.saveChoice = DialogService.SaveChoice.DISCARD;
        assertThat(vm.files().confirmClose()).isTrue();
        assertThat(dialogs.saveQuestions).isEqualTo(3);
    }

    @Test
    void offersToRestoreACrashedSession() throws Exception {
        Path recoveryDir = dir.resolve("recovery");
        Document crashed = openPhoto();
        paint(40, 40, 250, 200);
        Files.createDirectories(recoveryDir);
        ProjectFile.write(crashed.snapshot(), recoveryDir.resolve("session-1-999999.gatefill"));
        try (RecoveryStore recovery = new RecoveryStore(recoveryDir)) {
            EditorViewModel fresh = new EditorViewModel(new Settings(), null, new CurrentThreadTaskExecutor(),
                    dialogs, recovery);
            dialogs.recoveryChoice = DialogService.RecoveryChoice.RESTORE;
            fresh.recovery().offerRecovery();
            Document restored = fresh.getDocument();
            assertThat(restored).isNotNull();
            assertThat(restored.mask().data()).isEqualTo(crashed.mask().data());
            assertThat(fresh.history().dirtyProperty().get()).as("restored work is not saved anywhere yet").isTrue();
            assertThat(recovery.orphans()).isEmpty();
        }
    }

    @Test
    void aRestoredProjectKeepsItsPathAndTitleAndSaysWhereUndoStarts() throws Exception {
        Path recoveryDir = Files.createDirectories(dir.resolve("recovery-project"));
        Document crashed = openPhoto();
        paint(40, 40, 250, 200);
        Path project = dir.resolve("holiday.gatefill");
        Path orphan = recoveryDir.resolve("session-2-999998.gatefill");
        ProjectFile.write(crashed.snapshot(), orphan);
        RecoveryNote.write(orphan, project);
        try (RecoveryStore recovery = new RecoveryStore(recoveryDir)) {
            EditorViewModel fresh = new EditorViewModel(new Settings(), null, new CurrentThreadTaskExecutor(),
                    dialogs, recovery);
            dialogs.recoveryChoice = DialogService.RecoveryChoice.RESTORE;
            fresh.recovery().offerRecovery();
            assertThat(dialogs.recoveryProject).as("the question names the project").isEqualTo("holiday.gatefill");
            assertThat(fresh.getDocument().projectPath()).isEqualTo(project.toAbsolutePath());
            assertThat(fresh.history().titleProperty().get()).isEqualTo("• holiday.gatefill — Gatefill");
            assertThat(fresh.statusMessageProperty().get()).contains("holiday.gatefill", "Undo starts here")
                    .doesNotContain("session-");
            assertThat(recoveryDir.resolve("session-2-999998.gatefill.note")).as("note removed with its file").doesNotExist();

            int asked = dialogs.saveQuestions;
            fresh.files().saveProject(); // Ctrl+S: back into the project, no path asked
            assertThat(dialogs.files).isEmpty();
            assertThat(project).isRegularFile();
            assertThat(fresh.history().dirtyProperty().get()).isFalse();
            assertThat(dialogs.saveQuestions).isEqualTo(asked);
        }
    }
}
