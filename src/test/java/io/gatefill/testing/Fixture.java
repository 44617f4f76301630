package io.gatefill.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatefill.engine.EngineOptions;
import io.gatefill.engine.ModelFiles;
import io.gatefill.engine.ModelLoadException;
import io.gatefill.engine.djl.DjlInpaintEngine;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The pipeline-exported fixture model in src/test/resources/fixture-model, shared by every test that
 * runs real inference; a missing fixture fails the test (never skips it). One engine is loaded per
 * JVM because loading costs seconds and the engine is safe to share.
 */
public final class Fixture {
    public static final Path DIR = Path.of("src/test/resources/fixture-model");
    private static DjlInpaintEngine engine;

    private Fixture() {
    }

    public static Path model() {
        Path model = DIR.resolve("fixture.pt");
        assertThat(model).as("fixture model missing: expected %s exported by training/make_fixture.py",
                model.toAbsolutePath()).isRegularFile();
        assertThat(DIR.resolve("fixture.json")).as("fixture card missing").isRegularFile();
        return model;
    }

    public static synchronized DjlInpaintEngine engine() throws ModelLoadException {
        if (engine == null) {
            engine = DjlInpaintEngine.load(ModelFiles.of(model()), EngineOptions.defaults().withThreads(2), null);
        }
        return engine;
    }

    /** Reads a raw little-endian float32 file as the fixture README describes. */
    public static float[] floats(String name) throws IOException {
        Path file = DIR.resolve(name);
        assertThat(file).as("fixture tensor missing").isRegularFile();
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[bytes.remaining() / 4];
        bytes.asFloatBuffer().get(out);
        return out;
    }
}
