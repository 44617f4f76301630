package io.gatefill.gui.batch;

import io.gatefill.core.raster.Rect;
import io.gatefill.engine.ModelSession;
import io.gatefill.testing.Fixture;
import io.gatefill.testing.Images;
import io.gatefill.testing.LentEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Tiny batch folders for the dialog tests, and the fixture engine lent without being closed by a run. */
final class BatchInputs {
    final Path images;
    final Path masks;
    final Path out;

    private BatchInputs(Path images, Path masks, Path out) {
        this.images = images;
        this.masks = masks;
        this.out = out;
    }

    /**
     * {@code photos} good 64x64 photos p0.. with masks, plus (when {@code bad}) a corrupt broken.png
     * with a mask and lonely.png with none.
     */
    static BatchInputs create(Path dir, int photos, boolean bad) throws IOException {
        Path images = Files.createDirectories(dir.resolve("images"));
        Path masks = Files.createDirectories(dir.resolve("masks"));
        for (int i = 0; i < photos; i++) {
            Images.png(Images.photo(64, 64), images.resolve("p" + i + ".png"));
            Images.png(Images.maskImage(64, 64, new Rect(8 + i, 10, 20, 16)), masks.resolve("p" + i + ".png"));
        }
        if (bad) {
            Files.write(images.resolve("broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3, 4, 5});
            Images.png(Images.maskImage(64, 64, new Rect(4, 4, 8, 8)), masks.resolve("broken.png"));
            Images.png(Images.photo(64, 64), images.resolve("lonely.png"));
        }
        return new BatchInputs(images, masks, dir.resolve("out"));
    }

    /** The shared fixture engine as the editor's session, behind a close() that does nothing: other tests in this JVM still use it. */
    static EngineSource fixtureEngine() {
        return () -> new ModelSession(new LentEngine(Fixture.engine()), null, null);
    }
}
