package io.gatefill.gui;

import io.gatefill.core.document.Document;
import io.gatefill.core.history.Edit;
import io.gatefill.core.history.History;
import io.gatefill.core.history.HistoryListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The open document's {@link History} mirrored as JavaFX properties (undo / redo labels, the list and
 * its position, dirty state, the window title) and the history commands: undo, redo, jump, push.
 */
public final class HistoryViewModel {
    private final ObjectProperty<Document> document;
    private final ToolsViewModel tools;
    private final StatusSource status;
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("Gatefill");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper hasPreviousMask = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper undoText = new ReadOnlyStringWrapper("Undo");
    private final ReadOnlyStringWrapper redoText = new ReadOnlyStringWrapper("Redo");
    private final ReadOnlyIntegerWrapper position = new ReadOnlyIntegerWrapper();
    private final ObservableList<String> items = FXCollections.observableArrayList();
    private final HistoryListener listener = (h, event) -> refresh();

    HistoryViewModel(ObjectProperty<Document> document, ToolsViewModel tools, StatusSource status) {
        this.document = document;
        this.tools = tools;
        this.status = status;
        document.addListener((obs, old, now) -> {
            if (old != null) {
                old.history().removeListener(listener);
            }
            if (now != null) {
                now.history().addListener(listener);
            }
            refresh();
        });
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    /** Whether Mask ▸ Reuse Previous Mask has a mask to bring back. */
    public ReadOnlyBooleanProperty hasPreviousMaskProperty() {
        return hasPreviousMask.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty undoTextProperty() {
        return undoText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty redoTextProperty() {
        return redoText.getReadOnlyProperty();
    }

    /** Index into {@link #items()} of the current state (0 = as opened). */
    public ReadOnlyIntegerProperty positionProperty() {
        return position.getReadOnlyProperty();
    }

    /** "Opened" followed by one entry per kept edit, oldest first. */
    public ObservableList<String> items() {
        return items;
    }

    public void undo() {
        tools.endStroke();
        Document doc = document.get();
        if (doc != null && doc.history().canUndo() && !doc.history().isBusy()) {
            String what = doc.history().undoDescription();
            doc.history().undo();
            status.say("Undid " + what); // replaces what that step had said ("Filled … in 3.3 s")
        }
    }

    public void redo() {
        tools.endStroke();
        Document doc = document.get();
        if (doc != null && doc.history().canRedo() && !doc.history().isBusy()) {
            String what = doc.history().redoDescription();
            doc.history().redo();
            status.say("Redid " + what);
        }
    }

    /** Jumps to an entry of {@link #items()} (the history list's click). */
    public void jumpTo(int index) {
        tools.endStroke();
        Document doc = document.get();
        if (doc != null && index >= 0 && index <= doc.history().size() && index != doc.history().position()) {
            doc.history().jumpTo(index);
            status.say("History: at step " + index + " of " + doc.history().size());
        }
    }

    /** Pushes an edit built elsewhere (the Fill feature pushes its composite edit here). */
    public void push(Edit edit) {
        tools.endStroke();
        Document doc = document.get();
        if (doc == null) {
            throw new IllegalStateException("no document open");
        }
        doc.history().push(edit);
    }

    /** Pushes the edit a mask command built, or says there was nothing to change. */
    void push(Optional<Edit> edit) {
        edit.ifPresentOrElse(this::push, () -> status.say("Nothing to change"));
    }

    private void refresh() {
        Document doc = document.get();
        History h = doc == null ? null : doc.history();
        canUndo.set(h != null && h.canUndo());
        canRedo.set(h != null && h.canRedo());
        undoText.set(h != null && h.canUndo() ? "Undo " + h.undoDescription() : "Undo");
        redoText.set(h != null && h.canRedo() ? "Redo " + h.redoDescription() : "Redo");
        hasPreviousMask.set(doc != null && doc.previousMask() != null);
        List<String> now = new ArrayList<>();
        if (doc != null) {
            now.add(h.evictedCount() > 0 ? "(older steps dropped)" : "Opened");
            now.addAll(h.descriptions());
        }
        if (!now.equals(items)) {
            items.setAll(now);
        }
        position.set(h == null ? 0 : h.position());
        refreshTitle();
    }

    /** The title names the project (or photo) and shows • while there are unsaved changes. */
    void refreshTitle() {
        Document doc = document.get();
        if (doc == null) {
            title.set("Gatefill");
            dirty.set(false);
            return;
        }
        title.set((doc.history().isDirty() ? "• " : "") + EditorPaths.displayName(doc) + " — Gatefill");
        dirty.set(doc.history().isDirty());
    }
}
