package io.gatefill.gui.fill;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatefill.core.document.Document;
import io.gatefill.core.history.History;
import java.awt.image.BufferedImage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** "Fill after each stroke" on its own: when it fills, and the refill after a stroke made during a fill. */
class AutoFillTest {
    private final Document doc = new Document(new BufferedImage(32, 32, BufferedImage.TYPE_INT_ARGB), null, null,
            "png", new History());
    private final AtomicInteger fills = new AtomicInteger();
    private final AtomicInteger cancels = new AtomicInteger();
    private boolean running;
    private final AutoFill auto = new AutoFill(() -> doc, () -> running, cancels::incrementAndGet, fills::incrementAndGet);

    @Test
    void fillsAfterAStrokeOnlyWhenOnAndThereIsAMask() {
        auto.strokePushed();
        auto.enabledProperty().set(true);
        auto.strokePushed();
        assertThat(fills).as("off, then no mask").hasValue(0);

        doc.mask().set(5, 5, 255);
        auto.strokePushed();
        assertThat(fills).hasValue(1);
        assertThat(auto.pending()).isFalse();
    }

    @Test
    void aStrokeDuringAFillStopsItAndRefillsOnceItEnds() {
        auto.enabledProperty().set(true);
        doc.mask().set(5, 5, 255);
        running = true;

        auto.strokePushed();

        assertThat(cancels).hasValue(1);
        assertThat(fills).hasValue(0);
        assertThat(auto.pending()).isTrue();
        running = false;
        auto.fillEnded();
        assertThat(fills).hasValue(1);
        assertThat(auto.pending()).isFalse();
        auto.fillEnded();
        assertThat(fills).as("one refill per waiting stroke").hasValue(1);
    }

    @Test
    void aWaitingRefillIsDroppedWithTheDocumentOrWhenTurnedOff() {
        auto.enabledProperty().set(true);
        doc.mask().set(5, 5, 255);
        running = true;
        auto.strokePushed();
        auto.documentChanged();
        auto.fillEnded();
        assertThat(fills).hasValue(0);

        auto.strokePushed();
        auto.enabledProperty().set(false);
        auto.fillEnded();
        assertThat(fills).hasValue(0);
        assertThat(auto.pending()).isFalse();
    }
}
