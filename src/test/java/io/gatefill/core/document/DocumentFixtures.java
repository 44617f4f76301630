package io.gatefill.core.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatefill.core.history.History;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/** Test documents and the do → assert → undo → assert → redo → assert check every edit test uses. */
public final class DocumentFixtures {
    private DocumentFixtures() {
    }

    /** A document over a deterministic gradient image. */
    public static Document document(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, 0xFF000000 | ((x * 7) & 0xFF) << 16 | ((y * 5) & 0xFF) << 8 | ((x + y) & 0xFF));
            }
        }
        return new Document(image, null, null, "png", new History());
    }

    /** Everything an edit can change, copied. */
    public record State(int[] pixels, byte[] mask, byte[] sketch) {
        public static State of(Document doc) {
            return new State(doc.pixels().clone(), doc.mask().data().clone(), doc.sketch().data().clone());
        }

        public boolean sameAs(State other) {
            return Arrays.equals(pixels, other.pixels) && Arrays.equals(mask, other.mask)
                    && Arrays.equals(sketch, other.sketch);
        }
    }

    /** An assertion about a document state after an edit. */
    @FunctionalInterface
    public interface Check {
        void verify(Document doc);
    }

    /**
     * Runs {@code action} (which pushes exactly one edit), checks {@code after}, undoes and checks
     * the document equals its state before, redoes and checks it equals the state after.
     */
    public static void assertUndoRedo(Document doc, Runnable action, Check before, Check after) {
        before.verify(doc);
        State beforeState = State.of(doc);
        int size = doc.history().size();
        action.run();
        assertThat(doc.history().size()).as("the action pushed one edit").isEqualTo(size + 1);
        assertThat(doc.history().isDirty()).isTrue();
        after.verify(doc);
        State afterState = State.of(doc);
        assertThat(afterState.sameAs(beforeState)).as("the edit changed something").isFalse();

        doc.history().undo();
        assertThat(State.of(doc).sameAs(beforeState)).as("undo restores every pixel").isTrue();
        before.verify(doc);

        doc.history().redo();
        assertThat(State.of(doc).sameAs(afterState)).as("redo restores every pixel").isTrue();
        after.verify(doc);
    }
}
