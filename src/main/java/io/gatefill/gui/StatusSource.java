package io.gatefill.gui;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One owner's status message (the editor's, Fill's): only its owner writes it, and {@link #say}
 * tells the {@link StatusLine} even when the text repeats, so a repeated message still comes to the front.
 */
public final class StatusSource {
    private final ReadOnlyStringWrapper text;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public StatusSource(String initial) {
        text = new ReadOnlyStringWrapper(initial);
    }

    /** Shows {@code message}; an empty one withdraws this owner's message if it is the one shown. */
    public void say(String message) {
        text.set(message == null ? "" : message);
        listeners.forEach(Runnable::run);
    }

    public String text() {
        return text.get();
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    void onSaid(Runnable listener) {
        listeners.add(listener);
    }
}
