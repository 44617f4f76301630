package io.gatefill.engine;

import java.nio.file.Path;

/**
 * What an engine runs: its model file and card, the device it runs on ("cpu", "gpu(0)"), the
 * intra-op thread count, and whether the file's SHA-256 matched the card.
 */
public record EngineDescription(Path modelFile, ModelCard card, String device, int threads, boolean checksumVerified) {
}
