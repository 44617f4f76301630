package io.gatefill.gui.fill;

import io.gatefill.core.document.Document;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * Fill's "fill after each stroke" mode: a pushed stroke starts a fill; a stroke pushed while a fill
 * runs stops that fill (it saw the mask before the stroke, so its result would be discarded) and
 * fills again once it has ended. UI thread only.
 */
final class AutoFill {
    private final BooleanProperty enabled = new SimpleBooleanProperty();
    private final Supplier<Document> document;
    private final BooleanSupplier running;
    private final Runnable cancelRunning;
    private final Runnable fill;
    private boolean pending;

    /**
     * @param cancelRunning stops the running fill
     * @param fill          starts an automatic fill
     */
    AutoFill(Supplier<Document> document, BooleanSupplier running, Runnable cancelRunning, Runnable fill) {
        this.document = document;
        this.running = running;
        this.cancelRunning = cancelRunning;
        this.fill = fill;
    }

    BooleanProperty enabledProperty() {
        return enabled;
    }

    /** True while a stroke waits for the running fill to end before it is filled. */
    boolean pending() {
        return pending;
    }

    /** Another document: a waiting refill belonged to the old one. */
    void documentChanged() {
        pending = false;
    }

    /** A stroke was pushed (each push is one event, so a stroke is never handled twice): fill after it. */
    void strokePushed() {
        if (!wanted()) {
            return;
        }
        if (running.getAsBoolean()) {
            pending = true;
            cancelRunning.run();
            return;
        }
        fill.run();
    }

    /** A fill ended, whichever way: the refill a stroke asked for during it starts now. */
    void fillEnded() {
        if (pending) {
            pending = false;
            if (wanted()) {
                fill.run();
            }
        }
    }

    private boolean wanted() {
        Document doc = document.get();
        return enabled.get() && doc != null && !doc.mask().isEmpty();
    }
}
