package io.gatefill.gui.help;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatefill.testing.EditorWindowCase;
import io.gatefill.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The real window: the Help menu's windows, File ▸ Close by Ctrl+W, Batch by Ctrl+B. */
class HelpMenuWindowTest extends EditorWindowCase {
    @Test
    void helpMenuShowsShortcutsAboutModelCardAndGuide(FxRobot robot) throws Exception {
        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        Menu help = bar.getMenus().get(bar.getMenus().size() - 1);
        assertThat(help.getText()).isEqualTo("Help");
        assertThat(help.getItems()).extracting(MenuItem::getText).contains("Keyboard Shortcuts", "User Guide",
                "Model and Training Data", "About Gatefill");

        robot.interact(() -> app.view().canvas().requestFocus());
        robot.type(KeyCode.F1);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#help-shortcuts").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        TableView<HelpViewModel.Shortcut> shortcuts = robot.lookup("#help-shortcuts").queryAs(TableView.class);
        assertThat(shortcuts.getItems()).hasSizeGreaterThan(20);
        assertThat(shortcuts.getItems()).contains(new HelpViewModel.Shortcut("File ▸ Close", "Ctrl+W"));

        for (String item : List.of("About Gatefill", "Model and Training Data", "User Guide")) {
            MenuItem menuItem = help.getItems().stream().filter(i -> item.equals(i.getText())).findFirst().orElseThrow();
            robot.interact(menuItem::fire);
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#help-about").queryAs(TextArea.class).getText()).contains("Gatefill", "JavaFX");
        assertThat(robot.lookup("#help-model").queryAs(TextArea.class).getText()).contains("parameters", "PSNR");
        assertThat(robot.lookup("#help-training-data").queryAs(TableView.class).getItems()).isNotEmpty();
        assertThat(robot.lookup("#help-guide").queryAs(TextArea.class).getText()).contains("Gatefill");
    }

    @Test
    void ctrlWClosesThePhotoAndCtrlBOpensBatch(FxRobot robot) throws Exception {
        Path photo = TestImages.photo(Files.createTempDirectory(dir, "photos"), "close.png", 120, 90);
        robot.interact(() -> app.viewModel().files().open(photo));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.viewModel().getDocument() != null);
        robot.interact(() -> app.view().canvas().requestFocus());
        robot.press(KeyCode.CONTROL, KeyCode.W).release(KeyCode.W, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.viewModel().getDocument()).as("nothing unsaved: closed without asking").isNull();
        assertThat(app.viewModel().history().titleProperty().get()).isEqualTo("Gatefill");

        robot.press(KeyCode.CONTROL, KeyCode.B).release(KeyCode.B, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#batch-start").tryQuery().isPresent());
        assertThat(app.batch().viewModel()).isNotNull();
    }
}
