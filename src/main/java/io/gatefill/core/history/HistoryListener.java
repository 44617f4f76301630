package io.gatefill.core.history;

/** Told after every change of a {@link History} (push, undo, redo, eviction, saved point), on the thread that made it. */
@FunctionalInterface
public interface HistoryListener {
    void historyChanged(History history, HistoryEvent event);
}
