package io.gatefill.gui.window;

/**
 * Where a window was and how big, in screen coordinates, and whether it was maximised; the normal
 * (unmaximised) bounds are kept even while maximised, so un-maximising after a restart goes back to them.
 */
public record WindowPlacement(double x, double y, double width, double height, boolean maximized) {
    /** Smallest size kept: anything smaller is the JDK-8316423 200x200 window or a mistake, not a choice. */
    public static final double MIN_WIDTH = 480;
    public static final double MIN_HEIGHT = 360;

    public WindowPlacement {
        width = Math.max(MIN_WIDTH, width);
        height = Math.max(MIN_HEIGHT, height);
    }
}
