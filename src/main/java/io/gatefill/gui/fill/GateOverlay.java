package io.gatefill.gui.fill;

import io.gatefill.gui.CanvasView;
import io.gatefill.gui.Viewport;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.animation.AnimationTimer;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;

/**
 * Draws the chosen gate layer over the photo as a translucent colour map (dark blue = gate closed,
 * the network ignores the feature there; yellow = open), stretched over each model window, with a
 * legend. A mouse-transparent canvas stacked on the editor canvas; it follows the editor's viewport
 * by checking it once per frame, because the viewport is plain arithmetic without change events.
 */
public final class GateOverlay extends Canvas {
    private static final double ALPHA = 0.62;

    private final FillViewModel viewModel;
    private final CanvasView editorCanvas;
    private final Map<String, WritableImage> images = new HashMap<>();
    private String drawnState = "";

    public GateOverlay(FillViewModel viewModel, CanvasView editorCanvas, javafx.beans.value.ObservableBooleanValue comparing) {
        this.viewModel = viewModel;
        this.editorCanvas = editorCanvas;
        setId("gate-overlay");
        setMouseTransparent(true);
        widthProperty().bind(editorCanvas.widthProperty());
        heightProperty().bind(editorCanvas.heightProperty());
        visibleProperty().bind(viewModel.showGatesProperty().and(javafx.beans.binding.Bindings.not(comparing)));
        viewModel.gateWindowsProperty().addListener((obs, old, now) -> images.clear());
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
                + viewModel.gateLayerProperty().get() + "," + System.identityHashCode(viewModel.gateWindowsProperty().get())
                + "," + isVisible();
        if (state.equals(drawnState)) {
            return;
        }
        drawnState = state;
        paint();
    }

    private void paint() {
        GraphicsContext g = getGraphicsContext2D();
        g.clearRect(0, 0, getWidth(), getHeight());
        List<GateWindow> windows = viewModel.gateWindowsProperty().get();
        if (!isVisible() || windows.isEmpty()) {
            if (isVisible()) {
                legend(g, "Gate maps appear after the next Fill (or paint a mask)");
            }
            return;
        }
        int layer = Math.max(0, Math.min(viewModel.gateLayerProperty().get(), windows.get(0).maps().layers().size() - 1));
        Viewport v = editorCanvas.viewport();
        g.setImageSmoothing(false); // the maps are coarse on purpose: show their real resolution
        for (int i = 0; i < windows.size(); i++) {
            GateWindow w = windows.get(i);
            WritableImage image = images.computeIfAbsent(i + ":" + layer, k -> render(w, layer));
            double x = v.toScreenX(w.window().x());
            double y = v.toScreenY(w.window().y());
            double sw = w.window().width() * v.zoom();
            double sh = w.window().height() * v.zoom();
            g.setGlobalAlpha(ALPHA);
            g.drawImage(image, 0, 0, w.scaledWidth(), w.scaledHeight(), x, y, sw, sh);
            g.setGlobalAlpha(1);
            g.setStroke(Color.rgb(255, 255, 255, 0.8));
            g.setLineDashes(6, 4);
            g.strokeRect(x + 0.5, y + 0.5, sw - 1, sh - 1);
            g.setLineDashes();
        }
        legend(g, "Gate: " + windows.get(0).maps().layers().get(layer));
    }

    private void legend(GraphicsContext g, String text) {
        double x = 10;
        double y = getHeight() - 44;
        g.setFill(Color.rgb(0, 0, 0, 0.65));
        g.fillRoundRect(x, y, 330, 36, 6, 6);
        g.setFill(new LinearGradient(0, 0, 1, 0, true, CycleMethod.NO_CYCLE,
                new Stop(0, ramp(0)), new Stop(0.5, ramp(0.5)), new Stop(1, ramp(1))));
        g.fillRect(x + 8, y + 22, 120, 8);
        g.setFill(Color.WHITE);
        g.fillText(text, x + 8, y + 15);
        g.fillText("0 closed … 1 open", x + 136, y + 30);
    }

    private static WritableImage render(GateWindow w, int layer) {
        float[] map = w.maps().maps()[layer];
        int pw = w.maps().width();
        int sw = Math.min(w.scaledWidth(), pw);
        int sh = Math.min(w.scaledHeight(), w.maps().height());
        int[] argb = new int[sw * sh];
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < sw; x++) {
                Color c = ramp(map[y * pw + x]);
                argb[y * sw + x] = 0xFF000000 | (int) (c.getRed() * 255) << 16 | (int) (c.getGreen() * 255) << 8
                        | (int) (c.getBlue() * 255);
            }
        }
        WritableImage image = new WritableImage(sw, sh);
        image.getPixelWriter().setPixels(0, 0, sw, sh, PixelFormat.getIntArgbInstance(), argb, 0, sw);
        return image;
    }

    /** Dark blue through teal to yellow: ordered in lightness, readable over any photo. */
    static Color ramp(double value) {
        double t = Double.isNaN(value) ? 0 : Math.max(0, Math.min(1, value));
        return Color.color(0.1 + 0.85 * t * t, 0.05 + 0.85 * t, 0.45 + 0.25 * Math.sin(Math.PI * t) - 0.35 * t);
    }
}
