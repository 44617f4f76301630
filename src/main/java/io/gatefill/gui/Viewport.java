package io.gatefill.gui;

/**
 * Maps between screen (canvas) and image coordinates: screen = image * zoom + offset. Pure
 * arithmetic, so zoom-to-cursor and pan are unit-testable without a window.
 */
public final class Viewport {
    public static final double MIN_ZOOM = 0.01;
    public static final double MAX_ZOOM = 32;

    private double zoom = 1;
    private double offsetX;
    private double offsetY;

    public double zoom() {
        return zoom;
    }

    public double offsetX() {
        return offsetX;
    }

    public double offsetY() {
        return offsetY;
    }

    public double toImageX(double screenX) {
        return (screenX - offsetX) / zoom;
    }

    public double toImageY(double screenY) {
        return (screenY - offsetY) / zoom;
    }

    public double toScreenX(double imageX) {
        return imageX * zoom + offsetX;
    }

    public double toScreenY(double imageY) {
        return imageY * zoom + offsetY;
    }

    /** Sets the zoom keeping the image point under (screenX, screenY) where it is. */
    public void zoomAt(double screenX, double screenY, double newZoom) {
        double clamped = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, newZoom));
        double ix = toImageX(screenX);
        double iy = toImageY(screenY);
        zoom = clamped;
        offsetX = screenX - ix * zoom;
        offsetY = screenY - iy * zoom;
    }

    public void panBy(double dx, double dy) {
        offsetX += dx;
        offsetY += dy;
    }

    /** Fits the whole image into the view with a small margin, centred. */
    public void fit(int imageWidth, int imageHeight, double viewWidth, double viewHeight) {
        if (imageWidth <= 0 || imageHeight <= 0 || viewWidth <= 0 || viewHeight <= 0) {
            return;
        }
        double z = Math.min(viewWidth / imageWidth, viewHeight / imageHeight) * 0.96;
        zoom = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z));
        center(imageWidth, imageHeight, viewWidth, viewHeight);
    }

    /** 100 % on a screen of output scale 1. */
    public void actualPixels(double viewWidth, double viewHeight) {
        actualPixels(viewWidth, viewHeight, 1);
    }

    /**
     * 100 %: one image pixel per device pixel, keeping the view's centre point. Screen coordinates
     * here are JavaFX's logical pixels, {@code outputScale} device pixels each (2 on a typical
     * high-DPI screen), so the zoom is 1 / outputScale and offsets land on whole device pixels.
     */
    public void actualPixels(double viewWidth, double viewHeight, double outputScale) {
        double scale = outputScale > 0 ? outputScale : 1;
        zoomAt(viewWidth / 2, viewHeight / 2, 1 / scale);
        offsetX = Math.round(offsetX * scale) / scale;
        offsetY = Math.round(offsetY * scale) / scale;
    }

    private void center(int imageWidth, int imageHeight, double viewWidth, double viewHeight) {
        offsetX = Math.round((viewWidth - imageWidth * zoom) / 2);
        offsetY = Math.round((viewHeight - imageHeight * zoom) / 2);
    }
}
