package io.gatefill.core.io;
import java.io.*; import java.nio.file.*;
/** TEMP STUB. */
public final class AtomicFiles {
    public interface Writer { void write(OutputStream out) throws IOException; }
    public static void write(Path target, Writer w) throws IOException {
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), ".tmp", ".part");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) { w.write(out); }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
