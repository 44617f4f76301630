package io.gatefill.core.raster;

import java.util.Arrays;

/**
 * An 8-bit single-channel raster used for the mask and the sketch: 0 = off, 255 = on, row-major.
 * Intermediate values come from soft brushes; consumers that need a binary mask treat
 * {@code value >= ON_THRESHOLD} as on.
 */
public final class GrayRaster {
    public static final int ON_THRESHOLD = 128;

    private final int width;
    private final int height;
    private final byte[] data;

    public GrayRaster(int width, int height) {
        this(width, height, new byte[checkedSize(width, height)]);
    }

    /** Wraps {@code data} without copying: the raster owns it from now on. */
    public GrayRaster(int width, int height, byte[] data) {
        if (data.length != checkedSize(width, height)) {
            throw new IllegalArgumentException("data has " + data.length + " bytes, expected " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.data = data;
    }

    private static int checkedSize(int width, int height) {
        if (width <= 0 || height <= 0 || (long) width * height > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("invalid raster size " + width + "x" + height);
        }
        return width * height;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The backing array, for fast loops; writes go straight into the raster. */
    public byte[] data() {
        return data;
    }

    public Rect area() {
        return new Rect(0, 0, width, height);
    }

    public int get(int x, int y) {
        return data[y * width + x] & 0xFF;
    }

    public void set(int x, int y, int value) {
        data[y * width + x] = (byte) value;
    }

    public boolean isOn(int x, int y) {
        return get(x, y) >= ON_THRESHOLD;
    }

    public GrayRaster copy() {
        return new GrayRaster(width, height, data.clone());
    }

    public void fill(int value) {
        Arrays.fill(data, (byte) value);
    }

    /** Writes {@code src} with its top-left corner at (x, y); it must fit inside this raster. */
    public void paste(GrayRaster src, int x, int y) {
        checkInside(new Rect(x, y, src.width, src.height));
        for (int row = 0; row < src.height; row++) {
            System.arraycopy(src.data, row * src.width, data, (y + row) * width + x, src.width);
        }
    }

    private void checkInside(Rect r) {
        if (r.isEmpty() || r.x() < 0 || r.y() < 0 || r.right() > width || r.bottom() > height) {
            throw new IllegalArgumentException(r + " is not inside " + width + "x" + height);
        }
    }

    /** True when no pixel is on (soft values below the threshold count as off). */
    public boolean isEmpty() {
        return count() == 0;
    }

    /** Number of pixels that are on. */
    public long count() {
        long n = 0;
        for (byte b : data) {
            if ((b & 0xFF) >= ON_THRESHOLD) {
                n++;
            }
        }
        return n;
    }

    /** Bounding box of the pixels that are on; {@link Rect#EMPTY} when there are none. */
    public Rect bounds() {
        return boundsOfAtLeast(ON_THRESHOLD);
    }

    /**
     * Bounding box of every non-zero pixel, including a soft brush's faint rim that is not "on": what
     * clearing a layer must cover so that nothing is left drawn.
     */
    public Rect extent() {
        return boundsOfAtLeast(1);
    }

    private Rect boundsOfAtLeast(int threshold) {
        int x0 = width;
        int y0 = height;
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < height; y++) {
            int base = y * width;
            for (int x = 0; x < width; x++) {
                if ((data[base + x] & 0xFF) >= threshold) {
                    if (x < x0) {
                        x0 = x;
                    }
                    if (x > x1) {
                        x1 = x;
                    }
                    if (y < y0) {
                        y0 = y;
                    }
                    y1 = y;
                }
            }
        }
        return x1 < 0 ? Rect.EMPTY : Rect.ofBounds(x0, y0, x1 + 1, y1 + 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GrayRaster g && g.width == width && g.height == height && Arrays.equals(g.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(data);
    }
}
