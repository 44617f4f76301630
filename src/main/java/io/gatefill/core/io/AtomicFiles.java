package io.gatefill.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that a reader sees either the old file or the complete new one, never a torn
 * write: the bytes go to a temporary file in the target's folder (same file system, so the move is a
 * rename), are forced to disk, and the temporary file is then moved over the target.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Produces a file's bytes into a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path target, boolean overwrite, Content content) throws ImageFileException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (!overwrite && Files.exists(absolute)) {
            throw new ImageFileException(absolute + " already exists; choose another name or allow overwriting.");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new ImageFileException("The folder " + dir + " does not exist.");
        }
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".part");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel)) {
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            move(temp, absolute, overwrite);
            temp = null;
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

    private static void move(Path temp, Path target, boolean overwrite) throws IOException {
        try {
            if (overwrite) {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (AtomicMoveNotSupportedException e) {
            if (overwrite) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(temp, target);
            }
        } catch (FileAlreadyExistsException e) {
            throw new ImageFileException(target + " appeared while writing; nothing was overwritten.", e);
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
