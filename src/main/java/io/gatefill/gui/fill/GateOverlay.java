package io.gatefill.gui.fill;

import io.gatefill.gui.CanvasView;
import io.gatefill.gui.Viewport;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;

/**
 * Draws the chosen gate layer over the photo as a translucent viridis colour map stretched over the
 * layer's 1st-99th percentile ({@link GateScale}: dark blue = the lowest gates shown, the network
 * passes least of the feature there; yellow = the highest), placed over each model window, with a
 * legend naming the layer and the value range. A mouse-transparent canvas stacked on the editor
 * canvas; it follows the editor's viewport by checking it once per frame, because the viewport is
 * plain arithmetic without change events.
 */
public final class GateOverlay extends Canvas {
    private static final double ALPHA = 0.62;
    /** Viridis (matplotlib's perceptually uniform map) sampled at nine points; linear between them. */
    private static final int[] VIRIDIS = {0x440154, 0x472D7B, 0x3B528B, 0x2C728E, 0x21918C, 0x28AE80, 0x5EC962,
            0xADDC30, 0xFDE725};

    private final GateMapViewModel viewModel;
    private final CanvasView editorCanvas;
    private final Map<String, WritableImage> images = new HashMap<>();
    private String drawnState = "";

    public GateOverlay(GateMapViewModel viewModel, CanvasView editorCanvas, ObservableBooleanValue comparing) {
        this.viewModel = viewModel;
        this.editorCanvas = editorCanvas;
        setId("gate-overlay");
        setMouseTransparent(true);
        widthProperty().bind(editorCanvas.widthProperty());
        heightProperty().bind(editorCanvas.heightProperty());
        visibleProperty().bind(viewModel.showProperty().and(viewModel.availableProperty())
                .and(Bindings.not(comparing)));
        viewModel.windowsProperty().addListener((obs, old, now) -> images.clear());
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                repaintIfChanged();
            }
        }.start();
    }

    private void repaintIfChanged() {
        Viewport v = editorCanvas.viewport();
        String state = v.zoom() + "," + v.offsetX() + "," + v.offsetY() + "," + getWidth() + "," + getHeight() + ","
                + viewModel.shownLayer() + "," + System.identityHashCode(viewModel.windowsProperty().get())
                + "," + isVisible() + "," + viewModel.layers().size();
        if (state.equals(drawnState)) {
            return;
        }
        drawnState = state;
        paint();
    }

    /** Draws now (tests call this instead of waiting for the next frame). */
    void paint() {
        GraphicsContext g = getGraphicsContext2D();
        g.clearRect(0, 0, getWidth(), getHeight());
        List<GateWindow> windows = viewModel.windowsProperty().get();
        if (!isVisible() || windows.isEmpty()) {
            if (isVisible()) {
                legend(g, viewModel.legend(), null);
            }
            return;
        }
        int layer = viewModel.shownLayer();
        GateScale scale = viewModel.scaleProperty().get();
        Viewport v = editorCanvas.viewport();
        g.setImageSmoothing(false); // the maps are coarse on purpose: show their real resolution
        for (int i = 0; i < windows.size(); i++) {
            GateWindow w = windows.get(i);
            WritableImage image = images.computeIfAbsent(i + ":" + layer + ":" + scale, k -> render(w, layer, scale));
            double x = v.toScreenX(w.window().x());
            double y = v.toScreenY(w.window().y());
            double sw = w.window().width() * v.zoom();
            double sh = w.window().height() * v.zoom();
            g.setGlobalAlpha(ALPHA);
            g.drawImage(image, 0, 0, image.getWidth(), image.getHeight(), x, y, sw, sh);
            g.setGlobalAlpha(1);
            g.setStroke(Color.rgb(255, 255, 255, 0.8));
            g.setLineDashes(6, 4);
            g.strokeRect(x + 0.5, y + 0.5, sw - 1, sh - 1);
            g.setLineDashes();
        }
        legend(g, viewModel.legend(), scale);
    }

    private void legend(GraphicsContext g, String text, GateScale scale) {
        // Top left, where the Original badge would be (the overlay hides while the original shows).
        double x = 10;
        double y = 10;
        g.setFill(Color.rgb(0, 0, 0, 0.7));
        g.fillRoundRect(x, y, Math.min(getWidth() - 2 * x, 470), 42, 6, 6);
        g.setFill(Color.WHITE);
        g.fillText(text, x + 8, y + 15);
        if (scale == null) {
            return;
        }
        Stop[] stops = new Stop[VIRIDIS.length];
        for (int i = 0; i < VIRIDIS.length; i++) {
            stops[i] = new Stop(i / (double) (VIRIDIS.length - 1), Color.rgb(VIRIDIS[i] >> 16, VIRIDIS[i] >> 8 & 0xFF,
                    VIRIDIS[i] & 0xFF));
        }
        g.setFill(new LinearGradient(0, 0, 1, 0, true, CycleMethod.NO_CYCLE, stops));
        g.fillRect(x + 48, y + 22, 160, 10);
        g.setFill(Color.WHITE);
        g.fillText(String.format(Locale.ROOT, "%.2f", scale.low()), x + 8, y + 32);
        g.fillText(String.format(Locale.ROOT, "%.2f", scale.high()), x + 214, y + 32);
    }

    private static WritableImage render(GateWindow w, int layer, GateScale scale) {
        float[] map = w.maps().maps()[layer];
        int pw = w.maps().width();
        int sw = Math.min(w.scaledWidth(), pw);
        int sh = Math.min(w.scaledHeight(), w.maps().height());
        int[] argb = new int[sw * sh];
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < sw; x++) {
                argb[y * sw + x] = 0xFF000000 | colour(scale.position(map[y * pw + x]));
            }
        }
        WritableImage image = new WritableImage(sw, sh);
        image.getPixelWriter().setPixels(0, 0, sw, sh, PixelFormat.getIntArgbInstance(), argb, 0, sw);
        return image;
    }

    /** Viridis at {@code t} in [0,1] as 0xRRGGBB: ordered in lightness, readable over any photo and to colour-blind eyes. */
    static int colour(double t) {
        double at = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
        int i = Math.min(VIRIDIS.length - 2, (int) at);
        double f = at - i;
        int a = VIRIDIS[i];
        int b = VIRIDIS[i + 1];
        int r = (int) Math.round((a >> 16) + f * ((b >> 16) - (a >> 16)));
        int gr = (int) Math.round((a >> 8 & 0xFF) + f * ((b >> 8 & 0xFF) - (a >> 8 & 0xFF)));
        int bl = (int) Math.round((a & 0xFF) + f * ((b & 0xFF) - (a & 0xFF)));
        return r << 16 | gr << 8 | bl;
    }
}
