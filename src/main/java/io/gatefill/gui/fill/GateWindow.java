package io.gatefill.gui.fill;

import io.gatefill.core.raster.Rect;
import io.gatefill.engine.GateMaps;

/**
 * The gate maps of one model window placed on the photo: the model saw {@code window} scaled to
 * {@code scaledWidth x scaledHeight} (the top-left part of the padded maps), so that part is what
 * gets stretched back over {@code window}.
 */
public record GateWindow(Rect window, int scaledWidth, int scaledHeight, GateMaps maps) {
}
