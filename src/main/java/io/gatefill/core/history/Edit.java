package io.gatefill.core.history;

/**
 * One undoable change to a document: the unit that {@link History} stores, bounds and replays.
 *
 * <p>{@link #execute()} runs once, when the edit is pushed; {@link #undo()} and {@link #redo()} then
 * alternate. Edits that were already applied while the user worked (a brush stroke is painted live)
 * have an {@code execute()} that only marks them as applied.
 */
public interface Edit {
    /** Applies the change for the first time. */
    void execute();

    /** Restores the state before the change. */
    void undo();

    /** Re-applies the change after an {@link #undo()}. */
    void redo();

    /** A short, user-facing name for menus and the history list, e.g. "Mask brush". */
    String description();

    /** What sort of change this is; observers such as "fill after each stroke" react to it. */
    default EditKind kind() {
        return EditKind.OTHER;
    }

    /** Memory this edit holds for undo/redo, so the history can be bounded by bytes, not only count. */
    long bytes();
}
