package io.gatefill.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Writes the synthetic test photos and the broken files the bad-input tests need. */
public final class TestImages {
    private TestImages() {
    }

    /** A colourful gradient photo (synthetic, made by this test: no licence concerns). */
    public static Path photo(Path dir, String name, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = 40 + x * 200 / width;
                int g = 60 + y * 160 / height;
                int b = ((x / 20 + y / 20) % 2 == 0) ? 180 : 120;
                image.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        Path file = dir.resolve(name);
        String format = name.substring(name.lastIndexOf('.') + 1);
        if (!ImageIO.write(image, format.equals("jpg") ? "jpeg" : format, file.toFile())) {
            throw new IOException("no writer for " + format);
        }
        return file;
    }

    /** A syntactically valid PNG whose header claims 100000 x 100000 pixels (and no pixel data). */
    public static Path hugeHeaderPng(Path dir) throws IOException {
        return headerOnlyPng(dir.resolve("huge.png"), 100_000, 100_000);
    }

    /** A PNG whose header claims width x height RGBA pixels and that has no pixel data. */
    public static Path headerOnlyPng(Path file, int width, int height) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(ihdr);
        h.writeInt(width);
        h.writeInt(height);
        h.write(new byte[] {8, 6, 0, 0, 0});
        chunk(out, "IHDR", ihdr.toByteArray());
        chunk(out, "IEND", new byte[0]);
        Files.write(file, bytes.toByteArray());
        return file;
    }

    /** The first half of a real PNG. */
    public static Path truncated(Path dir) throws IOException {
        Path good = photo(dir, "whole.png", 300, 200);
        byte[] all = Files.readAllBytes(good);
        Path file = dir.resolve("truncated.png");
        Files.write(file, java.util.Arrays.copyOf(all, all.length / 2));
        return file;
    }

    public static Path garbage(Path dir, String name) throws IOException {
        byte[] noise = new byte[4096];
        new java.util.Random(1).nextBytes(noise);
        Path file = dir.resolve(name);
        Files.write(file, noise);
        return file;
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        out.writeInt(data.length);
        byte[] typeBytes = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.write(typeBytes);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }
}
