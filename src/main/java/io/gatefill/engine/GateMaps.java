package io.gatefill.engine;

import java.util.List;

/**
 * The learned soft masks of the card's gate layers for one model window: {@code maps[k]} is layer
 * {@code k}'s gate in (0,1), row-major, {@code width x height} (the padded window the model saw).
 */
public record GateMaps(List<String> layers, int width, int height, float[][] maps) {
    public GateMaps {
        layers = List.copyOf(layers);
        if (maps.length != layers.size()) {
            throw new IllegalArgumentException(maps.length + " maps for " + layers.size() + " layers");
        }
        for (float[] map : maps) {
            if (map.length != width * height) {
                throw new IllegalArgumentException("a gate map does not match " + width + "x" + height);
            }
        }
    }
}
