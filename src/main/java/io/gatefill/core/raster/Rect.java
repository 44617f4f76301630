package io.gatefill.core.raster;

/** An axis-aligned pixel rectangle; width or height of zero or less means empty. */
public record Rect(int x, int y, int width, int height) {
    public static final Rect EMPTY = new Rect(0, 0, 0, 0);

    public static Rect ofBounds(int x0, int y0, int x1Exclusive, int y1Exclusive) {
        return new Rect(x0, y0, Math.max(0, x1Exclusive - x0), Math.max(0, y1Exclusive - y0));
    }

    public boolean isEmpty() {
        return width <= 0 || height <= 0;
    }

    public int right() {
        return x + width;
    }

    public int bottom() {
        return y + height;
    }

    public long area() {
        return isEmpty() ? 0 : (long) width * height;
    }

    public boolean contains(int px, int py) {
        return px >= x && py >= y && px < right() && py < bottom();
    }

    public Rect union(Rect other) {
        if (isEmpty()) {
            return other;
        }
        if (other.isEmpty()) {
            return this;
        }
        return ofBounds(Math.min(x, other.x), Math.min(y, other.y),
                Math.max(right(), other.right()), Math.max(bottom(), other.bottom()));
    }

    public Rect intersect(Rect other) {
        Rect r = ofBounds(Math.max(x, other.x), Math.max(y, other.y),
                Math.min(right(), other.right()), Math.min(bottom(), other.bottom()));
        return r.isEmpty() ? EMPTY : r;
    }

    public Rect expand(int margin) {
        return isEmpty() ? EMPTY : new Rect(x - margin, y - margin, width + 2 * margin, height + 2 * margin);
    }

    /** Clips to the raster {@code [0,w) x [0,h)}. */
    public Rect clampTo(int w, int h) {
        return intersect(new Rect(0, 0, w, h));
    }
}
