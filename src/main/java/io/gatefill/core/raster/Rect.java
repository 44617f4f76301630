package io.gatefill.core.raster;
/** TEMP STUB until main lands the shared Rect. */
public record Rect(int x, int y, int width, int height) {
    public boolean isEmpty() { return width <= 0 || height <= 0; }
    public Rect union(Rect o) { if (isEmpty()) return o; if (o.isEmpty()) return this; int x0 = Math.min(x, o.x), y0 = Math.min(y, o.y); return new Rect(x0, y0, Math.max(x + width, o.x + o.width) - x0, Math.max(y + height, o.y + o.height) - y0); }
}
