package io.gatefill.core.batch;

import io.gatefill.core.io.AtomicFiles;
import io.gatefill.core.io.ImageFileException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * An append-only record, in the output folder, of the outputs batch runs finished there: for each, the
 * photo it was made from (path, size, modification time) and the output's size and SHA-256 as written.
 * {@code --resume} keeps an output only when its entry matches the photo planned for it now and the
 * file on disk still has the recorded size and hash; anything else is redone, with the reason.
 */
final class BatchJournal {
    static final String FILE_NAME = ".gatefill-batch-journal";
    private static final int FIELDS = 6;

    /** What one finished output was made from and what was written. */
    record Entry(String source, long sourceSize, long sourceModified, long outputSize, String outputSha256) {
    }

    /** The identity of a photo when it was read: enough to see that another file took its place. */
    record Source(String path, long size, long modified) {
        static Source of(Path photo) throws ImageFileException {
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(photo, BasicFileAttributes.class);
            } catch (IOException e) {
                throw new ImageFileException(photo + " cannot be read: " + e.getMessage(), e);
            }
            return new Source(photo.toAbsolutePath().toString(), a.size(), a.lastModifiedTime().toMillis());
        }
    }

    private final Path file;

    BatchJournal(Path outFolder) {
        this.file = outFolder.resolve(FILE_NAME);
    }

    /** The latest entry per output file name; empty when there is no journal or it cannot be read. */
    Map<String, Entry> finished() {
        Map<String, Entry> entries = new HashMap<>();
        if (!Files.isRegularFile(file)) {
            return entries;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t", -1);
                // A torn last line (killed mid-append) or an older version's line has fewer fields.
                if (f.length != FIELDS) {
                    continue;
                }
                try {
                    entries.put(f[0], new Entry(f[1], Long.parseLong(f[2]), Long.parseLong(f[3]),
                            Long.parseLong(f[4]), f[5]));
                } catch (NumberFormatException e) {
                    // A damaged line vouches for nothing: its output is redone.
                }
            }
        } catch (IOException e) {
            return entries;
        }
        return entries;
    }

    /**
     * Null when {@code item}'s existing output is verifiably finished for the photo planned now,
     * else why it must be redone.
     */
    static String whyRedo(Entry entry, BatchItem item) {
        if (entry == null) {
            return "no run recorded this output in the journal (it was put there otherwise, or written by an "
                    + "older version)";
        }
        try {
            Source now = Source.of(item.image());
            if (!entry.source().equals(now.path())) {
                return "it was made from another photo (" + entry.source() + ")";
            }
            if (entry.sourceSize() != now.size() || entry.sourceModified() != now.modified()) {
                return "the photo changed since the output was made";
            }
            long size = Files.size(item.output());
            if (size != entry.outputSize()) {
                return "its size changed since it was written (" + size + " bytes, " + entry.outputSize()
                        + " written)";
            }
            if (!sha256(item.output()).equals(entry.outputSha256())) {
                return "its content changed since it was written (checksum differs)";
            }
            return null;
        } catch (IOException e) {
            return "it cannot be checked (" + e.getMessage() + ")";
        }
    }

    /**
     * Appends one finished output right after it was published (a kill in between only means a later
     * resume redoes it); a journal that cannot be written means the same.
     */
    synchronized void recordDone(BatchItem item, Source source, AtomicFiles.Written written) {
        try {
            String line = String.join("\t", item.output().getFileName().toString(), source.path(),
                    Long.toString(source.size()), Long.toString(source.modified()),
                    Long.toString(written.size()), written.sha256()) + "\n";
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // The output itself is written and complete; without its entry a resume redoes it.
        }
    }

    static String sha256(Path path) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
