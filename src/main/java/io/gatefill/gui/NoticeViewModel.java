package io.gatefill.gui;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Non-fatal problems and hints, shown in a bar over the canvas that never blocks work (a modal error
 * dialog is for what stops the user's action): an unreadable settings file, a failed autosave. The
 * Fill feature may use it the same way. Null while nothing is shown.
 */
public final class NoticeViewModel {
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper();

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** Shows {@code message}, replacing any notice on screen (the same text again shows again). */
    public void show(String message) {
        text.set(null);
        text.set(message);
    }

    /** The user closed the bar, or the notice no longer applies. */
    public void dismiss() {
        text.set(null);
    }
}
