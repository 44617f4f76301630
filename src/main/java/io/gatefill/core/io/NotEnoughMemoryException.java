package io.gatefill.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Decoding ran out of memory: the file is fine, the Java heap is too small for it. Says how much the
 * image needs and how to give Java more, so nobody throws a good photo away as "damaged".
 */
public class NotEnoughMemoryException extends ImageFileException {
    private static final long MB = 1024 * 1024;

    public NotEnoughMemoryException(String message, Throwable cause) {
        super(message, cause);
    }

    static NotEnoughMemoryException forImage(Path file, ImageInfo info, OutOfMemoryError cause) {
        long fileBytes;
        try {
            fileBytes = Files.size(file);
        } catch (IOException e) {
            fileBytes = 0;
        }
        // The file's bytes, the decoded samples (up to 4 bytes a pixel for 8-bit RGBA) and the ARGB copy.
        long needed = fileBytes + info.pixels() * 8;
        long max = Runtime.getRuntime().maxMemory();
        long suggestGb = Math.max(2, (max + 2 * needed + 1023 * MB) / (1024 * MB));
        return new NotEnoughMemoryException(String.format(Locale.ROOT,
                "Not enough memory to open %s: a %dx%d image needs about %d MB while it is decoded, and Java may "
                        + "use at most %d MB here. The file itself is fine. Give Java more memory, for example "
                        + "java -Xmx%dg -jar gatefill.jar, or JDK_JAVA_OPTIONS=-Xmx%dg for any launcher.",
                file.getFileName(), info.width(), info.height(), needed / MB, max / MB, suggestGb, suggestGb), cause);
    }
}
