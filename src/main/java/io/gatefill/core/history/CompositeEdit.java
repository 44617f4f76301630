package io.gatefill.core.history;

import java.util.List;

/** Several edits that undo and redo as one step, e.g. an inpaint: the filled image region, the cleared sketch in the hole and the cleared mask. */
public final class CompositeEdit implements Edit {
    private final String description;
    private final List<Edit> parts;
    private final EditKind kind;

    public CompositeEdit(String description, List<? extends Edit> parts) {
        this(description, EditKind.OTHER, parts);
    }

    public CompositeEdit(String description, EditKind kind, List<? extends Edit> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a composite edit needs at least one part");
        }
        this.description = description;
        this.parts = List.copyOf(parts);
        this.kind = kind;
    }

    @Override
    public EditKind kind() {
        return kind;
    }

    public List<Edit> parts() {
        return parts;
    }

    @Override
    public void execute() {
        parts.forEach(Edit::execute);
    }

    @Override
    public void undo() {
        // Reverse order: a later part may depend on the state an earlier part produced.
        for (int i = parts.size() - 1; i >= 0; i--) {
            parts.get(i).undo();
        }
    }

    @Override
    public void redo() {
        parts.forEach(Edit::redo);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public long bytes() {
        return parts.stream().mapToLong(Edit::bytes).sum();
    }
}
