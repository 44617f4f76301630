package io.gatefill.core.batch;

import io.gatefill.core.io.SaveOptions;
import io.gatefill.core.pipeline.FillEngine;
import io.gatefill.core.pipeline.Strategy;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a batch run reads, writes and how.
 *
 * @param images    folder of photos (top level only; hidden files are ignored)
 * @param masks     folder of masks matched by file stem, or one mask file used for every photo
 * @param sketches  optional folder of guidance sketches matched by stem (null = none)
 * @param out       output folder; created if missing; must not be one of the input folders
 * @param save      format, JPEG quality and whether existing outputs are replaced
 * @param strategy  large-image strategy of the fill pipeline
 * @param resume    existing outputs count as finished by an earlier run ("resumed") instead of
 *                  "skipped-existing"; exclusive with overwriting
 * @param decoders  decoding threads; 0 runs every stage on one thread, one file after another (the
 *                  benchmark's baseline)
 * @param encoders  encoding threads (ignored when decoders is 0)
 * @param maxPixels photos above this are refused as failed rather than risking running out of memory
 * @param engine    how holes are filled (model, patch or hybrid)
 * @param seed      seed of the patch synthesis, the same for every photo so a rerun gives the same bytes
 */
public record BatchSettings(Path images, Path masks, Path sketches, Path out, SaveOptions save, Strategy strategy,
                            boolean resume, int decoders, int encoders, long maxPixels, FillEngine engine, long seed) {
    /**
     * The most decoding (and, separately, encoding) threads: beyond a few the single fill thread is
     * the limit anyway, and each one may hold a decoded photo in memory.
     */
    public static final int MAX_IO_THREADS = 16;

    public BatchSettings {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(masks, "masks");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(save, "save");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(engine, "engine");
        if (resume && save.overwrite()) {
            throw new IllegalArgumentException("resume and overwrite exclude each other");
        }
        if (decoders < 0 || encoders < 0 || (decoders > 0 && encoders == 0)
                || decoders > MAX_IO_THREADS || encoders > MAX_IO_THREADS) {
            throw new IllegalArgumentException("decoders 0-" + MAX_IO_THREADS + ", encoders 1-" + MAX_IO_THREADS + " when pipelined");
        }
    }

    /** True when stages overlap on separate threads. */
    public boolean pipelined() {
        return decoders > 0;
    }
}
