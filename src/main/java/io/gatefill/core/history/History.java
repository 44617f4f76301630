package io.gatefill.core.history;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The undo/redo list of one document, bounded by a byte budget and an edit count.
 *
 * <p>Pushing executes the edit (as Scene Builder's job manager does), drops the redo tail, then evicts
 * the oldest edits until both bounds hold; the newest edit is always kept, so the last action can be
 * undone even if it alone exceeds the budget. A push, undo or redo started while another one runs
 * (an edit that pushes from its own execute, a listener that undoes) is refused with
 * {@link IllegalStateException}: re-entrancy would interleave two edits' pixels.
 *
 * <p>{@link #revision()} grows on every change, so observers (UI bindings, autosave) can tell
 * cheaply that something happened. Not thread-safe: use it from one thread (the UI thread).
 */
public final class History {
    /** Default byte budget: 1 GiB of undo data. */
    public static final long DEFAULT_BYTE_BUDGET = 1L << 30;
    /** Default count bound. */
    public static final int DEFAULT_MAX_EDITS = 500;

    private static final int NO_SAVED_POINT = Integer.MIN_VALUE;

    private final List<Edit> edits = new ArrayList<>();
    private final List<HistoryListener> listeners = new CopyOnWriteArrayList<>();
    private long byteBudget;
    private int maxEdits;
    /** Number of edits currently applied: edits[0..position) are done, edits[position..] can be redone. */
    private int position;
    private int savedPosition;
    private long bytes;
    private long revision;
    private int evicted;
    private boolean busy;

    public History() {
        this(DEFAULT_BYTE_BUDGET, DEFAULT_MAX_EDITS);
    }

    public History(long byteBudget, int maxEdits) {
        setLimits(byteBudget, maxEdits);
        savedPosition = 0;
    }

    /** Changes the bounds; evicts at once if the history no longer fits. */
    public void setLimits(long byteBudget, int maxEdits) {
        if (byteBudget <= 0 || maxEdits <= 0) {
            throw new IllegalArgumentException("history limits must be positive");
        }
        this.byteBudget = byteBudget;
        this.maxEdits = maxEdits;
        if (evictOldest()) {
            changed(HistoryEvent.OTHER);
        }
    }

    /** Executes the edit and records it as the newest undo step. */
    public void push(Edit edit) {
        enter("push");
        try {
            edit.execute();
            for (int i = edits.size() - 1; i >= position; i--) {
                bytes -= edits.remove(i).bytes();
            }
            if (savedPosition > position) {
                savedPosition = NO_SAVED_POINT; // the saved state was in the redo tail we just dropped
            }
            edits.add(edit);
            bytes += edit.bytes();
            position++;
            evictOldest();
        } finally {
            busy = false;
        }
        changed(new HistoryEvent(HistoryEvent.Type.PUSHED, edit));
    }

    public boolean canUndo() {
        return position > 0;
    }

    public boolean canRedo() {
        return position < edits.size();
    }

    public void undo() {
        if (!canUndo()) {
            throw new IllegalStateException("nothing to undo");
        }
        enter("undo");
        Edit edit = edits.get(position - 1);
        try {
            edit.undo();
            position--;
        } finally {
            busy = false;
        }
        changed(new HistoryEvent(HistoryEvent.Type.UNDONE, edit));
    }

    public void redo() {
        if (!canRedo()) {
            throw new IllegalStateException("nothing to redo");
        }
        enter("redo");
        Edit edit = edits.get(position);
        try {
            edit.redo();
            position++;
        } finally {
            busy = false;
        }
        changed(new HistoryEvent(HistoryEvent.Type.REDONE, edit));
    }

    /** Undoes or redoes until {@code position} edits are applied (the history list's "click to jump"). */
    public void jumpTo(int target) {
        if (target < 0 || target > edits.size()) {
            throw new IndexOutOfBoundsException("history position " + target + " of " + edits.size());
        }
        while (position > target) {
            undo();
        }
        while (position < target) {
            redo();
        }
    }

    /** Records that the document as it is now has been saved. */
    public void markSaved() {
        savedPosition = position;
        changed(HistoryEvent.OTHER);
    }

    /** Forgets the saved point, e.g. for a document restored from recovery that was never saved by the user. */
    public void markUnsaved() {
        savedPosition = NO_SAVED_POINT;
        changed(HistoryEvent.OTHER);
    }

    public boolean isDirty() {
        return position != savedPosition;
    }

    public long revision() {
        return revision;
    }

    /** Edits applied now; 0 means the state the document was opened in (or the oldest kept one). */
    public int position() {
        return position;
    }

    public int size() {
        return edits.size();
    }

    public long bytes() {
        return bytes;
    }

    public long byteBudget() {
        return byteBudget;
    }

    public int maxEdits() {
        return maxEdits;
    }

    /** How many of the oldest edits were dropped to stay within the bounds. */
    public int evictedCount() {
        return evicted;
    }

    public boolean isBusy() {
        return busy;
    }

    /** Descriptions of all kept edits, oldest first. */
    public List<String> descriptions() {
        return edits.stream().map(Edit::description).toList();
    }

    public String undoDescription() {
        return canUndo() ? edits.get(position - 1).description() : null;
    }

    public String redoDescription() {
        return canRedo() ? edits.get(position).description() : null;
    }

    /** Drops every edit (e.g. when the document is replaced); the current state becomes the saved one only if it was. */
    public void clear() {
        enter("clear");
        boolean wasDirty = isDirty();
        edits.clear();
        bytes = 0;
        position = 0;
        savedPosition = wasDirty ? NO_SAVED_POINT : 0;
        busy = false;
        changed(HistoryEvent.OTHER);
    }

    public void addListener(HistoryListener listener) {
        listeners.add(listener);
    }

    public void removeListener(HistoryListener listener) {
        listeners.remove(listener);
    }

    private void enter(String what) {
        if (busy) {
            throw new IllegalStateException("History is busy: refused re-entrant " + what);
        }
        busy = true;
    }

    private boolean evictOldest() {
        boolean any = false;
        // Keep at least one edit, and never evict the redo tail: it can only be reached through older edits
        // if position > 0, so evicting from the front is always safe while position > 1.
        while (edits.size() > 1 && position > 1 && (bytes > byteBudget || edits.size() > maxEdits)) {
            bytes -= edits.remove(0).bytes();
            position--;
            savedPosition = savedPosition == NO_SAVED_POINT || savedPosition == 0 ? NO_SAVED_POINT : savedPosition - 1;
            evicted++;
            any = true;
        }
        return any;
    }

    private void changed(HistoryEvent event) {
        revision++;
        for (HistoryListener listener : listeners) {
            listener.historyChanged(this, event);
        }
    }
}
