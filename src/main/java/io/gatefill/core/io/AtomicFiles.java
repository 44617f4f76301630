package io.gatefill.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Writes files so that a reader sees either the old file or the complete new one, never a torn
 * write: the bytes go to a temporary file in the target's folder (same file system), are forced to
 * disk, and are then published under the target's name.
 *
 * <p>Publishing without overwrite is a hard link of the temporary file to the target, which the
 * kernel refuses when the target exists; rename(2) would silently replace a file that appeared after
 * the caller's check. With overwrite it is an atomic rename. The temporary file is created with a
 * plain open(2) (no explicit mode), so the result gets the mode the user's umask gives, like any
 * file a program writes; {@code Files.createTempFile} would make it 0600.
 */
public final class AtomicFiles {
    /** The longest file name (in UTF-8 bytes) ext4, XFS, Btrfs, NTFS and APFS allow. */
    static final int MAX_NAME_BYTES = 255;
    static final String TEMP_SUFFIX = ".part";
    /** Random hex characters in a temporary name: enough that two writers never pick the same. */
    private static final int RANDOM_CHARS = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /** Produces a file's bytes into a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * What was published: its size and SHA-256, from the bytes as they went to disk. For a file written
     * from a byte array the hash is computed when first asked for (batch's journal asks; a one-off save
     * does not): hashing a 24 MP photo's PNG took 0.10-0.26 s of a cold process, before the JIT had
     * compiled the digest, while the file's whole write and fsync took 0.03 s.
     */
    public static final class Written {
        private final long size;
        private byte[] unhashed;
        private String sha256;

        private Written(long size, byte[] unhashed, String sha256) {
            this.size = size;
            this.unhashed = unhashed;
            this.sha256 = sha256;
        }

        public long size() {
            return size;
        }

        public synchronized String sha256() {
            if (sha256 == null) {
                sha256 = HexFormat.of().formatHex(sha256Digest().digest(unhashed));
                unhashed = null;
            }
            return sha256;
        }
    }

    /** Writes {@code bytes} (which must not change afterwards: the hash is taken from them when asked). */
    public static Written write(Path target, boolean overwrite, byte[] bytes) throws ImageFileException {
        long size = write(target, overwrite, out -> out.write(bytes), null);
        return new Written(size, bytes, null);
    }

    public static Written write(Path target, boolean overwrite, Content content) throws ImageFileException {
        MessageDigest digest = sha256Digest();
        long size = write(target, overwrite, content, digest);
        return new Written(size, null, HexFormat.of().formatHex(digest.digest()));
    }

    /** The write itself; {@code digest} (may be null) sees every byte. Returns the file's size. */
    private static long write(Path target, boolean overwrite, Content content, MessageDigest digest)
            throws ImageFileException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (!overwrite && Files.exists(absolute, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new OutputRefusedException(absolute + " already exists; choose another name or allow overwriting.");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new ImageFileException("The folder " + dir + " does not exist.");
        }
        Path temp = null;
        try {
            temp = createTemp(dir, absolute.getFileName().toString());
            long size;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                 OutputStream plain = Channels.newOutputStream(channel);
                 OutputStream out = digest == null ? plain : new DigestOutputStream(plain, digest)) {
                content.writeTo(out);
                out.flush();
                channel.force(true);
                size = channel.size();
            }
            publish(temp, absolute, overwrite);
            temp = null;
            return size;
        } catch (ImageFileException e) {
            throw e;
        } catch (AccessDeniedException e) {
            throw new ImageFileException("Cannot write to " + dir + ": the folder is read-only or not yours.", e);
        } catch (IOException e) {
            throw new ImageFileException(describeWriteFailure(absolute, e), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // The write already failed; a leftover hidden .part file is the lesser problem.
                }
            }
        }
    }

    /**
     * The start every temporary name for this target has: a dot, the target's name (shortened so the
     * whole temporary name fits {@link #MAX_NAME_BYTES}) and a dot. Batch uses it to find leftovers.
     */
    public static String tempPrefix(String targetName) {
        int room = MAX_NAME_BYTES - 2 - RANDOM_CHARS - TEMP_SUFFIX.length();
        StringBuilder kept = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < targetName.length(); ) {
            int cp = targetName.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > room) {
                break;
            }
            kept.appendCodePoint(cp);
            bytes += size;
            i += Character.charCount(cp);
        }
        return "." + kept + ".";
    }

    /** True for a temporary name made for {@code targetName}, by this version or an earlier one. */
    public static boolean isTempFor(String name, String targetName) {
        return name.startsWith(tempPrefix(targetName)) && name.endsWith(TEMP_SUFFIX);
    }

    private static Path createTemp(Path dir, String targetName) throws IOException {
        while (true) {
            byte[] random = new byte[RANDOM_CHARS / 2];
            RANDOM.nextBytes(random);
            Path temp = dir.resolve(tempPrefix(targetName) + HexFormat.of().formatHex(random) + TEMP_SUFFIX);
            try {
                // CREATE_NEW without file attributes: open(O_CREAT|O_EXCL, 0666), then the umask applies.
                Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return temp;
            } catch (FileAlreadyExistsException e) {
                // Another writer's name; draw again.
            }
        }
    }

    private static void publish(Path temp, Path target, boolean overwrite) throws IOException {
        if (overwrite) {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return;
        }
        try {
            try {
                Files.createLink(target, temp);
            } catch (UnsupportedOperationException | FileSystemException e) {
                if (e instanceof FileAlreadyExistsException exists) {
                    throw exists;
                }
                // No hard links here (FAT, some network shares): a copy that creates the target with
                // O_EXCL still never replaces anything, though a reader may see it while it grows.
                Files.copy(temp, target);
            }
        } catch (FileAlreadyExistsException e) {
            throw new OutputRefusedException(target + " appeared while writing; it was kept and nothing was overwritten.");
        }
        Files.delete(temp);
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static String describeWriteFailure(Path target, IOException e) {
        String reason = String.valueOf(e.getMessage());
        if (reason.contains("No space left")) {
            return "Cannot write " + target + ": the disk is full. Nothing was changed.";
        }
        if (e instanceof NoSuchFileException) {
            return "Cannot write " + target + ": the folder disappeared.";
        }
        return "Cannot write " + target + ": " + reason + ". Nothing was changed.";
    }
}
