package io.gatefill.core.raster;
/** TEMP STUB until main lands the shared GrayRaster. */
public final class GrayRaster {
    private final int width, height; private final byte[] data;
    public GrayRaster(int width, int height) { this.width = width; this.height = height; data = new byte[width * height]; }
    public int width() { return width; }
    public int height() { return height; }
    public int get(int x, int y) { return data[y * width + x] & 0xFF; }
    public void set(int x, int y, int v) { data[y * width + x] = (byte) v; }
}
