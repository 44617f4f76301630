package io.gatefill.engine.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.gatefill.core.pipeline.InpaintInput;
import io.gatefill.core.raster.GrayRaster;
import io.gatefill.core.raster.Rect;
import io.gatefill.testing.Fixture;
import io.gatefill.testing.Images;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's own guarantees: translator ranges, size rule, serialised calls, unpack detection. */
class DjlInpaintEngineTest {
    @Test
    void translatorMapsTheContractRanges() {
        assertThat(InpaintTranslator.channel(-1f)).isZero();
        assertThat(InpaintTranslator.channel(1f)).isEqualTo(255);
        assertThat(InpaintTranslator.channel(0f)).isEqualTo(128);
        assertThat(InpaintTranslator.channel(7f)).isEqualTo(255);
        assertThat(InpaintTranslator.channel(Float.NaN)).isZero();
        BufferedImage image = InpaintTranslator.toImage(new float[] {1f, -1f, 0f}, 1, 1);
        assertThat(image.getRGB(0, 0)).isEqualTo(0xFFFF0080);
        assertThat(InpaintTranslator.binary(Images.raster(4, 1, new Rect(1, 0, 2, 1)))).containsExactly(0f, 1f, 1f, 0f);
        assertThat(InpaintTranslator.binary(null, 3, 1)).containsExactly(0f, 0f, 0f);
    }

    @Test
    void bulkConversionFollowsTheContractBothWays() throws Exception {
        Fixture.engine(); // loads libtorch
        int w = 24;
        int h = 16;
        BufferedImage photo = Images.photo(w, h);
        GrayRaster mask = Images.raster(w, h, new Rect(3, 2, 9, 7));
        mask.set(20, 10, 127); // a soft brush rim below the threshold is not hole
        mask.set(21, 10, 128);
        int[] argb = photo.getRGB(0, 0, w, h, null, 0, w);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), DjlInpaintEngine.ENGINE)) {
            NDList tensors = InpaintTranslator.toTensors(manager, new InpaintInput(photo, mask, null));
            float[] image = tensors.get(0).toFloatArray();
            float[] hole = tensors.get(1).toFloatArray();
            assertThat(tensors.get(0).getShape()).isEqualTo(new Shape(1, 3, h, w));
            for (int i = 0; i < w * h; i++) {
                assertThat(image[i]).isEqualTo(((argb[i] >> 16) & 0xFF) / 127.5f - 1f);
                assertThat(image[w * h + i]).isEqualTo(((argb[i] >> 8) & 0xFF) / 127.5f - 1f);
                assertThat(image[2 * w * h + i]).isEqualTo((argb[i] & 0xFF) / 127.5f - 1f);
                assertThat(hole[i]).isEqualTo(mask.isOn(i % w, i / w) ? 1f : 0f);
            }
            assertThat(tensors.get(2).toFloatArray()).containsOnly(0f);

            float[] rgb = new float[3 * w * h];
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] = (float) Math.sin(i * 0.37) * 1.2f; // beyond [-1,1] too, to be clamped
            }
            BufferedImage fromTensor = InpaintTranslator.toImage(manager.create(rgb, new Shape(1, 3, h, w)));
            for (int i = 0; i < w * h; i++) {
                int expected = 0xFF000000 | InpaintTranslator.channel(rgb[i]) << 16
                        | InpaintTranslator.channel(rgb[w * h + i]) << 8 | InpaintTranslator.channel(rgb[2 * w * h + i]);
                assertThat(fromTensor.getRGB(i % w, i / w)).isEqualTo(expected);
            }
        }
    }

    @Test
    void refusesSidesThatAreNotMultiplesOfEight() {
        InpaintInput odd = new InpaintInput(Images.photo(20, 16), Images.raster(20, 16, new Rect(2, 2, 4, 4)), null);
        assertThatThrownBy(() -> Fixture.engine().inpaint(odd)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("multiples of 8");
    }

    @Test
    void callsFromSeveralThreadsAreSerialisedAndAgree() throws Exception {
        InpaintInput input = new InpaintInput(Images.photo(64, 48), Images.raster(64, 48, new Rect(20, 10, 16, 16)), null);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<BufferedImage> a = pool.submit(() -> Fixture.engine().inpaint(input));
            Future<BufferedImage> b = pool.submit(() -> Fixture.engine().inpaint(input));
            Future<BufferedImage> c = pool.submit(() -> Fixture.engine().inpaint(input));
            int[] first = a.get().getRGB(0, 0, 64, 48, null, 0, 64);
            assertThat(b.get().getRGB(0, 0, 64, 48, null, 0, 64)).isEqualTo(first);
            assertThat(c.get().getRGB(0, 0, 64, 48, null, 0, 64)).isEqualTo(first);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void unpackWatcherKnowsTheNativeJarAndTheCache(@TempDir Path cache) throws Exception {
        assertThat(NativeUnpackWatcher.expectedBytes()).as("libtorch bytes in the native jar").isGreaterThan(100_000_000L);
        assertThat(NativeUnpackWatcher.alreadyUnpacked(cache)).isFalse();
        Path lib = Files.createDirectories(cache.resolve("2.5.1-cpu-linux-x86_64")).resolve("libtorch_cpu.so");
        Files.writeString(lib, "x");
        assertThat(NativeUnpackWatcher.alreadyUnpacked(cache)).isTrue();
    }
}
