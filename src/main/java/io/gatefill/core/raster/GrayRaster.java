package io.gatefill.core.raster;
/** TEMP STUB. */
public final class GrayRaster {
    private final int w, h; private final byte[] d;
    public GrayRaster(int w, int h) { this.w = w; this.h = h; d = new byte[w * h]; }
    public int width() { return w; } public int height() { return h; } public byte[] data() { return d; }
    public int get(int x, int y) { return d[y * w + x] & 0xFF; }
    public void set(int x, int y, int v) { d[y * w + x] = (byte) v; }
    public GrayRaster copy() { GrayRaster c = new GrayRaster(w, h); System.arraycopy(d, 0, c.d, 0, d.length); return c; }
    public boolean isEmpty() { for (byte b : d) if (b != 0) return false; return true; }
    public int count() { int n = 0; for (byte b : d) if (b != 0) n++; return n; }
    public Rect bounds() { int x0 = w, y0 = h, x1 = -1, y1 = -1;
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) if (d[y * w + x] != 0) { x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y); }
        return x1 < 0 ? new Rect(0, 0, 0, 0) : new Rect(x0, y0, x1 - x0 + 1, y1 - y0 + 1); }
}
