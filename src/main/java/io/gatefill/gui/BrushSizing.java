package io.gatefill.gui;

import io.gatefill.core.tools.BrushSettings;
import io.gatefill.core.tools.ToolKind;

/**
 * Brush sizes that suit the photo: each tool starts at a size relative to the photo's longer side,
 * and {@code [} / {@code ]} step by a factor, so a 24 MP photo's large brush is as few presses away
 * as a small photo's.
 */
public final class BrushSizing {
    /** One press of [ or ] scales the size by this: 60 px to 1000 px is 13 presses, not 40. */
    public static final double STEP = 1.25;
    /** The longer side the tools' default sizes ({@link ToolKind#defaultSize()}) were chosen for. */
    static final double REFERENCE_SIDE = 1500;

    private BrushSizing() {
    }

    public static int larger(int size) {
        return clamp(Math.max(size + 1, Math.round(size * STEP)));
    }

    public static int smaller(int size) {
        return clamp(Math.min(size - 1, Math.round(size / STEP)));
    }

    /** The tool's size for a newly opened photo: its default scaled from a 1,500-px photo to this one. */
    public static int initialSize(ToolKind kind, int width, int height) {
        return clamp(Math.round(kind.defaultSize() * Math.max(width, height) / REFERENCE_SIDE));
    }

    private static int clamp(long size) {
        return (int) Math.max(BrushSettings.MIN_SIZE, Math.min(BrushSettings.MAX_SIZE, size));
    }
}
