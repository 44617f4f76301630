package io.gatefill.core.raster;
/** TEMP STUB. */
public record Rect(int x, int y, int width, int height) {
    public boolean isEmpty() { return width <= 0 || height <= 0; }
    public long area() { return isEmpty() ? 0 : (long) width * height; }
    public Rect union(Rect o) { if (isEmpty()) return o; if (o.isEmpty()) return this;
        int x0 = Math.min(x, o.x), y0 = Math.min(y, o.y), x1 = Math.max(x + width, o.x + o.width), y1 = Math.max(y + height, o.y + o.height);
        return new Rect(x0, y0, x1 - x0, y1 - y0); }
    public boolean contains(Rect o) { return o.x >= x && o.y >= y && o.x + o.width <= x + width && o.y + o.height <= y + height; }
}
