package io.gatefill.core.project;

import io.gatefill.core.document.DocumentSnapshot;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The recovery folder: each running editor owns one {@code session-*.gatefill} file, guarded by an
 * OS file lock on its {@code .lock} companion. A file whose lock nobody holds belongs to a session
 * that died (the OS releases locks of killed processes), so it is offered for restore; a second
 * editor running at the same time never sees the first one's file as crashed.
 */
public final class RecoveryStore implements AutoCloseable {
    private static final String SUFFIX = ProjectFile.EXTENSION;

    private final Path dir;
    private final Path sessionFile;
    private final Path lockFile;
    private FileChannel lockChannel;
    private FileLock lock;

    /** Opens the folder (creating it) and claims a new session file. */
    public RecoveryStore(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        String name = "session-" + Instant.now().toEpochMilli() + "-" + ProcessHandle.current().pid();
        this.sessionFile = dir.resolve(name + SUFFIX);
        this.lockFile = dir.resolve(name + ".lock");
        this.lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        this.lock = lockChannel.tryLock();
        if (lock == null) {
            throw new IOException("could not lock " + lockFile);
        }
        sweepStaleLocks();
    }

    /** Lock files of dead sessions that never autosaved have nothing to offer: remove them. */
    private void sweepStaleLocks() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(".lock") && !file.equals(lockFile)) {
                    Path session = dir.resolve(name.substring(0, name.length() - ".lock".length()) + SUFFIX);
                    if (!Files.exists(session) && !isLockHeld(file)) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        }
    }

    public Path dir() {
        return dir;
    }

    /** This session's recovery file (it exists only after the first autosave). */
    public Path sessionFile() {
        return sessionFile;
    }

    /** Writes the snapshot to this session's recovery file, atomically. */
    public void write(DocumentSnapshot snapshot) throws IOException {
        ProjectFile.write(snapshot, sessionFile);
    }

    /** Deletes this session's recovery file: the document was saved or closed. */
    public void clear() throws IOException {
        Files.deleteIfExists(sessionFile);
    }

    /** Recovery files of sessions that ended without cleaning up (crashed or killed), newest first. */
    public List<Path> orphans() throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (!name.endsWith(SUFFIX) || file.equals(sessionFile)) {
                    continue;
                }
                if (!isLockHeld(dir.resolve(name.substring(0, name.length() - SUFFIX.length()) + ".lock"))) {
                    found.add(file);
                }
            }
        }
        found.sort((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString()));
        return found;
    }

    /** Removes an orphan (after it was restored or declined) with its lock file. */
    public void discard(Path orphan) throws IOException {
        String name = orphan.getFileName().toString();
        Files.deleteIfExists(orphan);
        if (name.endsWith(SUFFIX)) {
            Files.deleteIfExists(orphan.resolveSibling(name.substring(0, name.length() - SUFFIX.length()) + ".lock"));
        }
    }

    /** A clean exit: deletes this session's recovery file and lock. */
    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(sessionFile);
        } finally {
            if (lock != null) {
                lock.release();
                lock = null;
            }
            if (lockChannel != null) {
                lockChannel.close();
                lockChannel = null;
            }
            Files.deleteIfExists(lockFile);
        }
    }

    private static boolean isLockHeld(Path lockPath) {
        if (!Files.exists(lockPath)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockPath, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // held by this very JVM
        } catch (IOException e) {
            return true; // cannot tell: do not offer a file that may belong to a live editor
        }
    }
}
