package io.gatefill.core.io;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Side by side on one photo, rounds interleaved so machine load hits every encoder alike: the JDK's
 * ImageIO PNG writer as Gatefill used it (default parameters) and at a lighter deflate, against
 * {@link PngEncoder}, parallel and on one thread (a photo's noisy stripes are Huffman-coded alone, so
 * the zlib level no longer changes them). Prints a Markdown table of median
 * time and size; every output is decoded back and compared with the input first.
 *
 * <pre>java -cp ... io.gatefill.core.io.PngEncodeBenchmark PHOTO ROUNDS OUT.md</pre>
 */
public final class PngEncodeBenchmark {
    private PngEncodeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BufferedImage image = ImageFiles.load(Path.of(args[0]), ImageFiles.DEFAULT_MAX_PIXELS).image();
        int rounds = Integer.parseInt(args[1]);
        Map<String, Supplier<byte[]>> encoders = new LinkedHashMap<>();
        encoders.put("ImageIO, default (Gatefill before)", () -> imageIo(image, -1f));
        encoders.put("ImageIO, quality 0.75 (lighter deflate)", () -> imageIo(image, 0.75f));
        encoders.put("PngEncoder level 1, parallel (Gatefill now)", () -> PngEncoder.encode(image, 1, true));
        encoders.put("PngEncoder level 1, one thread", () -> PngEncoder.encode(image, 1, false));
        // Reading the file back: ImageIO with the exact ARGB copy (before) against the fast path (now).
        byte[] file = Files.readAllBytes(Path.of(args[0]));
        encoders.put("decode: ImageIO + ArgbConversion (Gatefill before)", () -> {
            try {
                ArgbConversion.toArgb(ImageIO.read(new java.io.ByteArrayInputStream(file)));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return file;
        });
        encoders.put("decode: PngDecoder (Gatefill now)", () -> {
            PngDecoder.decode(file);
            return file;
        });

        int[] expected = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (Map.Entry<String, Supplier<byte[]>> e : encoders.entrySet()) {
            byte[] png = e.getValue().get(); // also the warm-up round
            if (png == file) {
                sizes.put(e.getKey(), file.length);
                continue;
            }
            BufferedImage back = ImageIO.read(new java.io.ByteArrayInputStream(png));
            int[] got = back.getRGB(0, 0, back.getWidth(), back.getHeight(), null, 0, back.getWidth());
            if (!Arrays.equals(got, expected)) {
                throw new AssertionError(e.getKey() + " is not lossless");
            }
            sizes.put(e.getKey(), png.length);
        }
        Map<String, List<Long>> times = new LinkedHashMap<>();
        encoders.keySet().forEach(k -> times.put(k, new ArrayList<>()));
        for (int r = 0; r < rounds; r++) {
            for (Map.Entry<String, Supplier<byte[]>> e : encoders.entrySet()) {
                long t0 = System.nanoTime();
                e.getValue().get();
                times.get(e.getKey()).add((System.nanoTime() - t0) / 1_000_000);
            }
        }
        long baseline = median(times.get("ImageIO, default (Gatefill before)"));
        long decodeBaseline = median(times.get("decode: ImageIO + ArgbConversion (Gatefill before)"));
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Encoding a %dx%d photo to PNG in memory (%d rounds, interleaved; "
                        + "%d cores; all outputs decoded back equal to the input), and decoding that photo's file back:%n%n",
                image.getWidth(), image.getHeight(), rounds, Runtime.getRuntime().availableProcessors()));
        md.append("| encoder / decoder | median ms | vs before | size MB |\n|---|---|---|---|\n");
        for (String k : encoders.keySet()) {
            long m = median(times.get(k));
            long base = k.startsWith("decode") ? decodeBaseline : baseline;
            md.append(String.format(Locale.ROOT, "| %s | %d | %.2fx | %.1f |%n", k, m, (double) m / base,
                    sizes.get(k) / 1e6));
        }
        System.out.print(md);
        Files.writeString(Path.of(args[2]), md.toString(), StandardCharsets.UTF_8);
    }

    private static long median(List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static byte[] imageIo(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (quality >= 0) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
