package io.gatefill.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** History semantics: execute on push, bounds by bytes and count, re-entrancy, saved point, jumps, composites. */
class HistoryTest {
    /** Appends to a shared log so tests can see exactly which edits ran in which order. */
    private static class LogEdit implements Edit {
        private final String name;
        private final long bytes;
        private final List<String> log;
        int state;

        LogEdit(String name, long bytes, List<String> log) {
            this.name = name;
            this.bytes = bytes;
            this.log = log;
        }

        @Override
        public void execute() {
            state = 1;
            log.add("do " + name);
        }

        @Override
        public void undo() {
            state = 0;
            log.add("undo " + name);
        }

        @Override
        public void redo() {
            state = 1;
            log.add("redo " + name);
        }

        @Override
        public String description() {
            return name;
        }

        @Override
        public long bytes() {
            return bytes;
        }
    }

    private final List<String> log = new ArrayList<>();

    @Test
    void pushExecutesThenUndoAndRedoAlternate() {
        History history = new History();
        LogEdit a = new LogEdit("a", 10, log);
        history.push(a);
        assertThat(a.state).isEqualTo(1);
        assertThat(history.canUndo()).isTrue();
        assertThat(history.canRedo()).isFalse();
        history.undo();
        assertThat(a.state).isZero();
        assertThat(history.canUndo()).isFalse();
        assertThat(history.canRedo()).isTrue();
        assertThat(history.redoDescription()).isEqualTo("a");
        history.redo();
        assertThat(a.state).isEqualTo(1);
        assertThat(log).containsExactly("do a", "undo a", "redo a");
    }

    @Test
    void pushAfterUndoDropsTheRedoTail() {
        History history = new History();
        history.push(new LogEdit("a", 10, log));
        history.push(new LogEdit("b", 20, log));
        history.undo();
        history.push(new LogEdit("c", 5, log));
        assertThat(history.descriptions()).containsExactly("a", "c");
        assertThat(history.bytes()).isEqualTo(15);
        assertThat(history.canRedo()).isFalse();
    }

    @Test
    void byteBudgetEvictsTheOldestEdits() {
        History history = new History(100, 1000);
        for (int i = 0; i < 5; i++) {
            history.push(new LogEdit("e" + i, 30, log));
        }
        assertThat(history.descriptions()).containsExactly("e2", "e3", "e4");
        assertThat(history.bytes()).isEqualTo(90);
        assertThat(history.evictedCount()).isEqualTo(2);
        history.undo();
        history.undo();
        history.undo();
        assertThat(history.canUndo()).isFalse();
        assertThat(log).endsWith("undo e4", "undo e3", "undo e2");
    }

    @Test
    void countBoundEvictsTheOldestEdits() {
        History history = new History(1 << 20, 3);
        for (int i = 0; i < 5; i++) {
            history.push(new LogEdit("e" + i, 1, log));
        }
        assertThat(history.size()).isEqualTo(3);
        assertThat(history.descriptions()).containsExactly("e2", "e3", "e4");
    }

    @Test
    void theNewestEditIsKeptEvenIfItAloneExceedsTheBudget() {
        History history = new History(100, 10);
        history.push(new LogEdit("small", 10, log));
        history.push(new LogEdit("huge", 500, log));
        assertThat(history.descriptions()).containsExactly("huge");
        history.undo();
        assertThat(log).endsWith("undo huge");
    }

    @Test
    void reentrantPushIsRefused() {
        History history = new History();
        Edit nasty = new LogEdit("outer", 1, log) {
            @Override
            public void execute() {
                history.push(new LogEdit("inner", 1, log));
            }
        };
        assertThatThrownBy(() -> history.push(nasty)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("re-entrant");
        assertThat(history.size()).isZero();
        assertThat(history.isBusy()).isFalse();
        history.push(new LogEdit("after", 1, log)); // the history still works
        assertThat(history.size()).isEqualTo(1);
    }

    @Test
    void undoFromAListenerDuringAnUndoIsRefused() {
        History history = new History();
        history.push(new LogEdit("a", 1, log));
        history.push(new LogEdit("b", 1, log));
        Edit reentrantUndo = new LogEdit("c", 1, log) {
            @Override
            public void undo() {
                history.undo();
            }
        };
        history.push(reentrantUndo);
        assertThatThrownBy(history::undo).isInstanceOf(IllegalStateException.class);
        assertThat(history.position()).isEqualTo(3);
    }

    @Test
    void savedPointTracksDirtyState() {
        History history = new History();
        assertThat(history.isDirty()).isFalse();
        history.push(new LogEdit("a", 1, log));
        assertThat(history.isDirty()).isTrue();
        history.markSaved();
        assertThat(history.isDirty()).isFalse();
        history.push(new LogEdit("b", 1, log));
        assertThat(history.isDirty()).isTrue();
        history.undo();
        assertThat(history.isDirty()).isFalse();
        history.undo();
        assertThat(history.isDirty()).isTrue();
        history.redo();
        assertThat(history.isDirty()).isFalse();
        // Dropping the redo tail that held... nothing: saved point a stays reachable.
        history.push(new LogEdit("c", 1, log));
        history.undo();
        assertThat(history.isDirty()).isFalse();
    }

    @Test
    void savedPointInADroppedRedoTailIsLost() {
        History history = new History();
        history.push(new LogEdit("a", 1, log));
        history.markSaved();
        history.undo();
        history.push(new LogEdit("b", 1, log));
        history.undo();
        assertThat(history.isDirty()).as("the saved state a no longer exists").isTrue();
    }

    @Test
    void evictionKeepsASavedPointThatIsStillReachable() {
        History history = new History(1000, 2);
        history.push(new LogEdit("a", 1, log));
        history.markSaved();
        history.push(new LogEdit("b", 1, log));
        history.push(new LogEdit("c", 1, log)); // evicts a: the oldest reachable state is "after a", the saved one
        history.undo();
        history.undo();
        assertThat(history.canUndo()).isFalse();
        assertThat(history.isDirty()).isFalse();
    }

    @Test
    void savedPointEvictedMeansAlwaysDirty() {
        History history = new History(1000, 2);
        history.push(new LogEdit("a", 1, log));
        history.push(new LogEdit("b", 1, log));
        history.push(new LogEdit("c", 1, log)); // the opened (saved) state is gone with a
        history.jumpTo(0);
        assertThat(history.isDirty()).isTrue();
    }

    @Test
    void revisionGrowsOnEveryChangeAndListenersHearIt() {
        History history = new History();
        List<Long> heard = new ArrayList<>();
        history.addListener((h, event) -> heard.add(h.revision()));
        long start = history.revision();
        history.push(new LogEdit("a", 1, log));
        history.undo();
        history.redo();
        history.markSaved();
        assertThat(history.revision()).isEqualTo(start + 4);
        assertThat(heard).containsExactly(start + 1, start + 2, start + 3, start + 4);
    }

    @Test
    void listenersHearWhichEditWasPushedUndoneOrRedone() {
        History history = new History();
        List<HistoryEvent> heard = new ArrayList<>();
        history.addListener((h, event) -> heard.add(event));
        LogEdit a = new LogEdit("a", 1, log);
        history.push(a);
        history.undo();
        history.redo();
        history.markSaved();
        assertThat(heard).extracting(HistoryEvent::type).containsExactly(HistoryEvent.Type.PUSHED,
                HistoryEvent.Type.UNDONE, HistoryEvent.Type.REDONE, HistoryEvent.Type.OTHER);
        assertThat(heard).extracting(HistoryEvent::edit).containsExactly(a, a, a, null);
        assertThat(heard.get(0).pushed(EditKind.OTHER)).isTrue();
        assertThat(heard.get(0).pushed(EditKind.STROKE)).isFalse();
        assertThat(heard.get(2).pushed(EditKind.OTHER)).as("a redo is not a push").isFalse();
    }

    @Test
    void jumpToUndoesAndRedoesInOrder() {
        History history = new History();
        history.push(new LogEdit("a", 1, log));
        history.push(new LogEdit("b", 1, log));
        history.push(new LogEdit("c", 1, log));
        log.clear();
        history.jumpTo(0);
        assertThat(log).containsExactly("undo c", "undo b", "undo a");
        log.clear();
        history.jumpTo(2);
        assertThat(log).containsExactly("redo a", "redo b");
        assertThatThrownBy(() -> history.jumpTo(4)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void compositeUndoesInReverseOrderAndSumsBytes() {
        History history = new History();
        CompositeEdit composite = new CompositeEdit("Fill", List.of(new LogEdit("image", 400, log),
                new LogEdit("mask", 100, log)));
        history.push(composite);
        assertThat(composite.bytes()).isEqualTo(500);
        assertThat(history.bytes()).isEqualTo(500);
        history.undo();
        history.redo();
        assertThat(log).containsExactly("do image", "do mask", "undo mask", "undo image", "redo image", "redo mask");
        assertThat(history.descriptions()).containsExactly("Fill");
    }

    @Test
    void lowerLimitsEvictAtOnce() {
        History history = new History();
        for (int i = 0; i < 4; i++) {
            history.push(new LogEdit("e" + i, 10, log));
        }
        history.setLimits(25, 100);
        assertThat(history.descriptions()).containsExactly("e2", "e3");
    }
}
