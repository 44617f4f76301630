package io.gatefill.gui;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The status bar's message line: shows the newest message of its {@link StatusSource}s. A source that
 * withdraws its message (says "") clears the line only while its own message is the one shown.
 */
public final class StatusLine {
    private final ReadOnlyStringWrapper shown = new ReadOnlyStringWrapper("");
    private StatusSource current;

    public void add(StatusSource source) {
        source.onSaid(() -> said(source));
        if (current == null) {
            current = source;
            shown.set(source.text());
        }
    }

    private void said(StatusSource source) {
        if (source.text().isEmpty() && source != current) {
            return;
        }
        current = source;
        shown.set(source.text());
    }

    public ReadOnlyStringProperty textProperty() {
        return shown.getReadOnlyProperty();
    }
}
