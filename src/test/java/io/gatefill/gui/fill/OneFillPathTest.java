package io.gatefill.gui.fill;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatefill.cli.GatefillCli;
import io.gatefill.core.document.Document;
import io.gatefill.core.pipeline.FillEngine;
import io.gatefill.core.raster.Rect;
import io.gatefill.core.settings.SettingsStore;
import io.gatefill.engine.EngineLoadListener;
import io.gatefill.engine.ModelCard;
import io.gatefill.engine.ModelLoadException;
import io.gatefill.engine.ModelSession;
import io.gatefill.gui.EditorViewModel;
import io.gatefill.gui.task.CurrentThreadTaskExecutor;
import io.gatefill.testing.Images;
import io.gatefill.testing.LentEngine;
import io.gatefill.testing.ShippedModel;
import io.gatefill.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/**
 * One way through the program: the editor's Fill (the code {@link FillViewModel} runs), {@code inpaint}
 * and {@code batch} fill the same photo and mask files with the shipped model to byte-identical pixels.
 */
class OneFillPathTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = FillEngine.class, names = {"MODEL", "HYBRID"})
    void editorInpaintAndBatchGiveTheSamePixels(FillEngine engine) throws Exception {
        Path images = Files.createDirectories(dir.resolve("images"));
        Path masks = Files.createDirectories(dir.resolve("masks"));
        Path photo = TestImages.photo(images, "street.jpg", 240, 160);
        Path mask = Images.png(Images.maskImage(240, 160, new Rect(30, 40, 36, 28), new Rect(170, 90, 40, 44)),
                masks.resolve("street.png"));
        String model = ShippedModel.model().toString();

        int[] editor = editorFill(photo, mask, engine);

        Path single = dir.resolve("single.png");
        cli("inpaint", "--image", photo.toString(), "--mask", mask.toString(), "--out", single.toString(),
                "--model", model, "--threads", "2", "--engine", engine.id());
        Path out = dir.resolve("out");
        cli("batch", "--images", images.toString(), "--masks", masks.toString(), "--out", out.toString(),
                "--model", model, "--threads", "2", "--engine", engine.id());

        assertThat(pixels(Images.read(single))).as("inpaint = editor").isEqualTo(editor);
        assertThat(pixels(Images.read(out.resolve("street.png")))).as("batch = editor").isEqualTo(editor);
    }

    /** Opens the photo, imports the mask and fills as the editor does, on the shipped model (2 threads, as the CLI runs below). */
    private int[] editorFill(Path photo, Path mask, FillEngine engine) throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("config"));
        RecordingDialogs dialogs = new RecordingDialogs();
        EditorViewModel editor = new EditorViewModel(store.load(), store, new CurrentThreadTaskExecutor(), dialogs, null);
        editor.files().open(photo);
        editor.files().importMask(mask);
        ModelLoader shipped = new ModelLoader() {
            @Override
            public ModelCard check() {
                return ShippedModel.card();
            }

            @Override
            public ModelSession load(EngineLoadListener listener) throws ModelLoadException {
                return new ModelSession(new LentEngine(ShippedModel.engine()), null, "no gate view in this test");
            }
        };
        try (FillViewModel fill = new FillViewModel(editor, new CurrentThreadTaskExecutor(), dialogs, Runnable::run,
                shipped)) {
            fill.engineProperty().set(engine);
            fill.fill();
        }
        assertThat(dialogs.errors).isEmpty();
        Document doc = editor.getDocument();
        assertThat(doc.history().undoDescription()).isEqualTo(FillViewModel.EDIT_NAME);
        return doc.pixels().clone();
    }

    private static void cli(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new GatefillCli());
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute(args)).as(String.join(" ", args) + "\n" + err).isZero();
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
