package io.gatefill.gui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The status bar's message line: the newest message of any owner; an owner withdraws only its own. */
class StatusLineTest {
    @Test
    void showsTheNewestMessageEvenARepeatedOneAndAWithdrawalClearsOnlyItsOwn() {
        StatusSource editor = new StatusSource("Open a photo");
        StatusSource fill = new StatusSource("");
        StatusLine line = new StatusLine();
        line.add(editor);
        line.add(fill);
        assertThat(line.textProperty().get()).isEqualTo("Open a photo");

        editor.say("Opened a.png");
        fill.say("Filled 1 region(s)");
        assertThat(line.textProperty().get()).isEqualTo("Filled 1 region(s)");
        editor.say("Opened a.png"); // the same text again still comes to the front
        assertThat(line.textProperty().get()).isEqualTo("Opened a.png");

        fill.say(""); // Fill's message is not the one shown: nothing changes
        assertThat(line.textProperty().get()).isEqualTo("Opened a.png");
        fill.say("Gate maps of 1 window(s)");
        fill.say("");
        assertThat(line.textProperty().get()).isEmpty();
        assertThat(editor.text()).as("each owner keeps its own text").isEqualTo("Opened a.png");
    }
}
