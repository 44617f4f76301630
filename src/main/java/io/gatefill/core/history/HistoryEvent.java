package io.gatefill.core.history;

/**
 * What one change of a {@link History} was: an edit pushed, undone or redone (with that edit), or
 * anything else (saved point, eviction, clear; {@code edit} is null then).
 */
public record HistoryEvent(Type type, Edit edit) {
    public static final HistoryEvent OTHER = new HistoryEvent(Type.OTHER, null);

    public enum Type { PUSHED, UNDONE, REDONE, OTHER }

    /** Whether this event is a newly pushed edit of {@code kind}. */
    public boolean pushed(EditKind kind) {
        return type == Type.PUSHED && edit.kind() == kind;
    }
}
