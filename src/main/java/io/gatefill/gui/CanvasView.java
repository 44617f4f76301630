package io.gatefill.gui;

import io.gatefill.core.document.Document;
import io.gatefill.core.document.DocumentListener;
import io.gatefill.core.document.Layer;
import io.gatefill.core.raster.Rect;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import javafx.application.Platform;
import javafx.scene.Cursor;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * The editing surface: a canvas exactly the size of the viewport (never the size of the photo) on
 * which the visible tiles of the photo and of the mask/sketch overlay are drawn each repaint, plus
 * the brush outline. Pointer events become strokes in image coordinates through the view model;
 * wheel zooms to the cursor, middle button or Space + drag pans.
 */
public final class CanvasView extends Region {
    private static final Color BACKGROUND = Color.rgb(43, 43, 46);
    private static final int BAND_ROWS = 256;

    private final EditorViewModel viewModel;
    private final Canvas canvas = new Canvas();
    /** The brush size beside the cursor while [ ] or the slider change it; hidden again after a short pause. */
    private final javafx.scene.control.Label sizeHint = new javafx.scene.control.Label();
    private final javafx.scene.control.Label originalBadge = new javafx.scene.control.Label("Original — release \\ to return");
    private final javafx.animation.PauseTransition sizeHintTimeout =
            new javafx.animation.PauseTransition(javafx.util.Duration.seconds(1.5));
    private final Viewport viewport = new Viewport();
    private final DocumentListener documentListener = this::regionChanged;
    private Document document;
    private TiledImage photo;
    private TiledImage overlay;
    private TiledImage original;
    private int[] scratch = new int[0];
    private boolean repaintQueued;
    private boolean spaceDown;
    private boolean panning;
    private boolean fitPending;
    /**
     * The view is "fit to window" until the user zooms or pans: it refits when the canvas is resized,
     * so a photo opened while the window was still small (JDK-8316423's 200x200, or a restore) fills it.
     */
    private boolean fitted;
    private double lastX;
    private double lastY;
    private double mouseX = Double.NaN;
    private double mouseY = Double.NaN;

    public CanvasView(EditorViewModel viewModel) {
        this.viewModel = viewModel;
        getChildren().addAll(canvas, sizeHint, originalBadge);
        // While \ is held the photo as opened is shown: say so on the canvas, where the eyes are.
        originalBadge.setId("original-badge");
        originalBadge.setManaged(false);
        originalBadge.setMouseTransparent(true);
        originalBadge.relocate(8, 8);
        originalBadge.setStyle("-fx-background-color: rgba(0,0,0,0.65); -fx-text-fill: white; -fx-padding: 3 8;"
                + " -fx-background-radius: 3; -fx-font-weight: bold;");
        originalBadge.visibleProperty().bind(viewModel.showOriginalProperty().and(viewModel.documentProperty().isNotNull()));
        sizeHint.setId("brush-size-hint");
        sizeHint.setManaged(false);
        sizeHint.setVisible(false);
        sizeHint.setMouseTransparent(true);
        sizeHint.setStyle("-fx-background-color: rgba(0,0,0,0.7); -fx-text-fill: white; -fx-padding: 2 6;"
                + " -fx-background-radius: 3;");
        sizeHintTimeout.setOnFinished(e -> sizeHint.setVisible(false));
        setFocusTraversable(true);
        setMinSize(100, 100);
        setCursor(Cursor.CROSSHAIR);
        canvas.setId("editor-canvas");
        viewModel.documentProperty().addListener((obs, old, now) -> install(now));
        viewModel.showOriginalProperty().addListener((obs, old, now) -> requestRepaint());
        viewModel.tools().brushSizeProperty().addListener((obs, old, now) -> {
            if (document != null) {
                showSizeHint(now.intValue());
            }
            requestRepaint();
        });
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        addEventHandler(MouseEvent.MOUSE_MOVED, this::moved);
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> {
            mouseX = Double.NaN;
            viewModel.cursorTextProperty().set("");
            requestRepaint();
        });
        addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        install(viewModel.getDocument());
    }

    /** The screen mapping; tests use it to find where an image pixel is drawn. */
    public Viewport viewport() {
        return viewport;
    }

    public void setSpaceDown(boolean down) {
        spaceDown = down;
        setCursor(down ? Cursor.OPEN_HAND : Cursor.CROSSHAIR);
    }

    public void zoomFit() {
        if (document != null) {
            if (getWidth() <= 0) {
                fitPending = true;
                return;
            }
            viewport.fit(document.width(), document.height(), getWidth(), getHeight());
            fitted = true;
            viewChanged();
        }
    }

    public void zoomActual() {
        viewport.actualPixels(getWidth(), getHeight(), outputScale());
        fitted = false;
        viewChanged();
    }

    /** Device pixels per JavaFX pixel on the window's screen (2 on a typical high-DPI screen). */
    public double outputScale() {
        return getScene() != null && getScene().getWindow() != null ? getScene().getWindow().getOutputScaleX() : 1;
    }

    public void zoomBy(double factor) {
        viewport.zoomAt(getWidth() / 2, getHeight() / 2, viewport.zoom() * factor);
        fitted = false;
        viewChanged();
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            if ((fitPending || fitted) && w > 0 && h > 0) {
                fitPending = false;
                zoomFit();
            }
            paint();
        }
    }

    private void install(Document now) {
        if (document != null) {
            document.removeListener(documentListener);
        }
        document = now;
        photo = null;
        overlay = null;
        original = null;
        if (now != null) {
            photo = new TiledImage(now.width(), now.height());
            photo.update(now.bounds(), now.pixels(), 0, now.width());
            overlay = new TiledImage(now.width(), now.height());
            refreshOverlay(now.bounds());
            now.addListener(documentListener);
            fitPending = true;
            if (getWidth() > 0) {
                fitPending = false;
                zoomFit();
            }
        }
        requestRepaint();
    }

    private void regionChanged(Layer layer, Rect region) {
        if (layer == Layer.IMAGE) {
            photo.update(region, document.pixels(), region.y() * document.width() + region.x(), document.width());
        } else {
            refreshOverlay(region);
        }
        requestRepaint();
    }

    /** Recomputes the overlay in the dirty rectangle only, in bands so the scratch buffer stays small. */
    private void refreshOverlay(Rect region) {
        for (int y = region.y(); y < region.y() + region.height(); y += BAND_ROWS) {
            Rect band = new Rect(region.x(), y, region.width(), Math.min(BAND_ROWS, region.y() + region.height() - y));
            int needed = band.width() * band.height();
            if (scratch.length < needed) {
                scratch = new int[needed];
            }
            OverlayRenderer.render(document.mask(), document.sketch(), band, scratch);
            overlay.update(band, scratch, 0, band.width());
        }
    }

    private TiledImage originalTiles() {
        if (original == null) {
            BufferedImage source = document.original();
            int[] argb = ((DataBufferInt) source.getRaster().getDataBuffer()).getData();
            original = new TiledImage(source.getWidth(), source.getHeight());
            original.update(document.bounds(), argb, 0, source.getWidth());
        }
        return original;
    }

    private void requestRepaint() {
        if (!repaintQueued) {
            repaintQueued = true;
            Platform.runLater(this::paint);
        }
    }

    private void viewChanged() {
        // In device pixels, so "100 %" is one photo pixel per screen pixel on any display.
        viewModel.zoomTextProperty().set(Math.round(viewport.zoom() * outputScale() * 1000) / 10.0 + " %");
        requestRepaint();
    }

    private void paint() {
        repaintQueued = false;
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(BACKGROUND);
        g.fillRect(0, 0, w, h);
        if (document == null) {
            g.setFill(Color.rgb(200, 200, 205));
            g.setTextAlign(javafx.scene.text.TextAlignment.CENTER);
            g.setFont(javafx.scene.text.Font.font(16));
            g.fillText("Open a photo with Ctrl+O, or drop it here", w / 2, h / 2);
            g.setTextAlign(javafx.scene.text.TextAlignment.LEFT);
            return;
        }
        // Smooth when shrinking; show crisp pixels when magnifying, as editors do.
        g.setImageSmoothing(viewport.zoom() * outputScale() < 2);
        boolean compare = viewModel.showOriginalProperty().get();
        originalBadge.autosize();
        // Until the image is first changed it is the original: draw the same tiles, build no copy.
        (compare && document.hasSeparateOriginal() ? originalTiles() : photo).draw(g, viewport, w, h);
        if (!compare) {
            overlay.draw(g, viewport, w, h);
        }
        double r = Math.max(1, viewModel.tools().brushSizeProperty().get() * viewport.zoom() / 2);
        if (sizeHint.isVisible()) {
            placeSizeHint(r);
            if (Double.isNaN(mouseX)) { // keyboard change with the pointer off the canvas: show the size in the middle
                g.setStroke(Color.rgb(255, 255, 255, 0.9));
                g.strokeOval(w / 2 - r, h / 2 - r, 2 * r, 2 * r);
            }
        }
        if (!Double.isNaN(mouseX) && !panning && !spaceDown) {
            g.setLineWidth(1);
            g.setStroke(Color.rgb(0, 0, 0, 0.8));
            g.strokeOval(mouseX - r - 1, mouseY - r - 1, 2 * r + 2, 2 * r + 2);
            g.setStroke(Color.rgb(255, 255, 255, 0.9));
            g.strokeOval(mouseX - r, mouseY - r, 2 * r, 2 * r);
        }
    }

    private void showSizeHint(int size) {
        sizeHint.setText(size + " px");
        sizeHint.autosize();
        sizeHint.setVisible(true);
        sizeHintTimeout.playFromStart();
    }

    /** Just outside the brush outline, right of the cursor; at the centre when the pointer is elsewhere. */
    private void placeSizeHint(double r) {
        boolean pointer = !Double.isNaN(mouseX);
        double x = pointer ? mouseX + Math.min(r, getWidth() / 3) + 8 : getWidth() / 2 + 8;
        double y = pointer ? mouseY - sizeHint.getHeight() / 2 : getHeight() / 2;
        sizeHint.relocate(Math.max(0, Math.min(x, getWidth() - sizeHint.getWidth())),
                Math.max(0, Math.min(y, getHeight() - sizeHint.getHeight())));
    }

    private void pressed(MouseEvent e) {
        requestFocus();
        lastX = e.getX();
        lastY = e.getY();
        if (e.getButton() == MouseButton.MIDDLE || (e.getButton() == MouseButton.PRIMARY && spaceDown)) {
            panning = true;
            setCursor(Cursor.CLOSED_HAND);
        } else if (e.getButton() == MouseButton.PRIMARY && document != null) {
            viewModel.tools().beginStroke(viewport.toImageX(e.getX()), viewport.toImageY(e.getY()));
        }
        e.consume();
    }

    private void dragged(MouseEvent e) {
        if (panning) {
            viewport.panBy(e.getX() - lastX, e.getY() - lastY);
            fitted = false;
            viewChanged();
        } else if (viewModel.tools().isStroking()) {
            viewModel.tools().strokeTo(viewport.toImageX(e.getX()), viewport.toImageY(e.getY()));
        } else if (e.isPrimaryButtonDown() && !spaceDown && document != null) {
            // A drag with no press before it: the press was lost as a modal dialog (Save As) closed, dropped
            // while this window was still disabled. Start the stroke here rather than drop it (issue 16 item 10).
            viewModel.tools().beginStroke(viewport.toImageX(e.getX()), viewport.toImageY(e.getY()));
        }
        lastX = e.getX();
        lastY = e.getY();
        track(e);
        e.consume();
    }

    private void released(MouseEvent e) {
        if (panning) {
            panning = false;
            setCursor(spaceDown ? Cursor.OPEN_HAND : Cursor.CROSSHAIR);
        } else if (e.getButton() == MouseButton.PRIMARY) {
            viewModel.tools().endStroke();
        }
        e.consume();
    }

    private void moved(MouseEvent e) {
        track(e);
    }

    private void track(MouseEvent e) {
        mouseX = e.getX();
        mouseY = e.getY();
        if (document != null) {
            int ix = (int) Math.floor(viewport.toImageX(mouseX));
            int iy = (int) Math.floor(viewport.toImageY(mouseY));
            boolean inside = ix >= 0 && iy >= 0 && ix < document.width() && iy < document.height();
            viewModel.cursorTextProperty().set(inside ? ix + ", " + iy : "");
        }
        requestRepaint();
    }

    private void scrolled(ScrollEvent e) {
        if (document == null || e.getDeltaY() == 0) {
            return;
        }
        // One wheel notch = one 1.25x step. Platforms differ in pixels and lines per notch (40 px / 3 lines
        // on most desktops, 1 line headless), so a line-based event counts at least one notch.
        double notches;
        if (e.getTextDeltaYUnits() == ScrollEvent.VerticalTextScrollUnits.LINES && e.getTextDeltaY() != 0) {
            notches = Math.signum(e.getTextDeltaY()) * Math.max(1, Math.abs(e.getTextDeltaY()) / 3.0);
        } else {
            notches = e.getDeltaY() / 40.0;
        }
        double factor = Math.pow(1.25, notches);
        viewport.zoomAt(e.getX(), e.getY(), viewport.zoom() * factor);
        fitted = false;
        viewChanged();
        e.consume();
    }
}
