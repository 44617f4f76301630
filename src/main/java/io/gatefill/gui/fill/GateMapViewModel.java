package io.gatefill.gui.fill;

import io.gatefill.core.document.Document;
import io.gatefill.gui.StatusSource;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The gate-map view's state: whether it shows, the layers the model card lists and the one chosen,
 * the maps of the last fill or preview, and the chosen layer's contrast-stretched {@link GateScale}.
 * Available only while a photo is open; its status messages ("Gate maps of 2 window(s)") are its own.
 */
public final class GateMapViewModel {
    private static final String STATUS = "Gate maps of ";

    private final ObjectProperty<Document> document;
    private final StatusSource status = new StatusSource("");
    private final BooleanProperty show = new SimpleBooleanProperty();
    private final ObservableList<String> layers = FXCollections.observableArrayList();
    private final IntegerProperty layer = new SimpleIntegerProperty();
    private final ReadOnlyObjectWrapper<List<GateWindow>> windows = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<GateScale> scale = new ReadOnlyObjectWrapper<>(GateScale.FULL);
    private final BooleanBinding available;

    GateMapViewModel(ObjectProperty<Document> document) {
        this.document = document;
        available = document.isNotNull();
        document.addListener((obs, old, now) -> {
            windows.set(List.of());
            if (now == null) {
                show.set(false); // nothing to show the gates of
            }
        });
        show.addListener((obs, old, now) -> {
            if (!now && status.text().startsWith(STATUS)) {
                status.say(""); // this view's own message, now out of date
            }
        });
        windows.addListener((obs, old, now) -> rescale());
        layer.addListener((obs, old, now) -> rescale());
    }

    /** Whether the view can be shown: only while a photo is open. */
    public BooleanBinding availableProperty() {
        return available;
    }

    public BooleanProperty showProperty() {
        return show;
    }

    /** Gate layer names of the loaded model, in the card's order (empty before loading). */
    public ObservableList<String> layers() {
        return layers;
    }

    /** Index into {@link #layers()} of the layer shown. */
    public IntegerProperty layerProperty() {
        return layer;
    }

    /** Gate maps of the last fill or gate preview, one per model window (empty: nothing to show). */
    public ReadOnlyObjectProperty<List<GateWindow>> windowsProperty() {
        return windows.getReadOnlyProperty();
    }

    /** The chosen layer's colour scale over the current maps. */
    public ReadOnlyObjectProperty<GateScale> scaleProperty() {
        return scale.getReadOnlyProperty();
    }

    /** The chosen layer's index clamped to what the maps hold. */
    public int shownLayer() {
        List<GateWindow> now = windows.get();
        int count = now.isEmpty() ? layers.size() : now.get(0).maps().layers().size();
        return Math.max(0, Math.min(layer.get(), count - 1));
    }

    /** The legend's words: the layer shown and the value range its colours span. */
    public String legend() {
        List<GateWindow> now = windows.get();
        if (now.isEmpty()) {
            return "Gate maps appear after the next Fill (or paint a mask)";
        }
        GateScale s = scale.get();
        return String.format(Locale.ROOT, "Gate: %s · %.2f to %.2f (1st–99th percentile; 0 closed, 1 open)",
                now.get(0).maps().layers().get(shownLayer()), s.low(), s.high());
    }

    public StatusSource status() {
        return status;
    }

    /** Whether showing the view should compute a preview: shown, open photo with a mask, nothing yet. */
    boolean wantsPreview() {
        Document doc = document.get();
        return show.get() && windows.get().isEmpty() && doc != null && !doc.mask().isEmpty();
    }

    void layersLoaded(List<String> names) {
        layers.setAll(names);
    }

    /** The maps of a preview (which says so) or of a fill. */
    void show(List<GateWindow> maps, boolean preview) {
        windows.set(maps);
        if (preview) {
            status.say(STATUS + maps.size() + " window(s)");
        }
    }

    private void rescale() {
        scale.set(GateScale.of(windows.get(), shownLayer()));
    }
}
