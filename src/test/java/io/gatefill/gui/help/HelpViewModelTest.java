package io.gatefill.gui.help;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The Help menu's content from the shipped model card and docs/editor.md. */
class HelpViewModelTest {
    private final HelpViewModel help = new HelpViewModel("9.9", Path.of("models", "gatefill.json"),
            Path.of("docs", "editor.md"));

    @Test
    void listsEveryMenuShortcutAndTheKeysWithoutAMenu() {
        assertThat(help.shortcuts()).contains(new HelpViewModel.Shortcut("File ▸ Close", "Ctrl+W"),
                new HelpViewModel.Shortcut("File ▸ Batch", "Ctrl+B"), new HelpViewModel.Shortcut("File ▸ Open", "Ctrl+O"));
        assertThat(help.shortcuts()).extracting(HelpViewModel.Shortcut::keys).contains("[  /  ]", "\\");
    }

    @Test
    void summarisesTheModelCardAndItsTrainingDataLicences() {
        assertThat(help.aboutText()).contains("Gatefill 9.9", "GPL-3.0-or-later");
        assertThat(help.modelSummary()).contains("DeepFill v2", "parameters", "ours", "OpenCV Telea", "dB");
        assertThat(help.trainingData()).isNotEmpty();
        assertThat(help.trainingData()).anySatisfy(s -> assertThat(s.licences()).contains("CC-BY-SA-4.0"));
        assertThat(help.trainingData().stream().mapToInt(HelpViewModel.DataSource::photos).sum()).isPositive();
    }

    @Test
    void readsTheUserGuideOrSaysWhereItShouldBe() {
        assertThat(help.userGuide()).contains("#");
        HelpViewModel none = new HelpViewModel(null, Path.of("no-such-card.json"), Path.of("no-such-guide.md"));
        assertThat(none.userGuide()).contains("not found", "no-such-guide.md");
        assertThat(none.modelSummary()).contains("could not be read");
        assertThat(none.trainingData()).isEmpty();
        assertThat(none.aboutText()).contains("development build");
    }
}
