package io.gatefill.core.batch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One batch run per output folder: an OS lock on {@code OUT/.gatefill-batch.lock}, held for the run.
 * The kernel drops the lock when its process dies however it dies (kill -9 included), so a lock file
 * whose lock nobody holds is a stale one from a run that ended, and is taken over: no guessing from
 * pids or ages. The file's text (pid, start time) is only there for the messages.
 */
public final class BatchLock implements AutoCloseable {
    public static final String FILE_NAME = ".gatefill-batch.lock";

    private final FileChannel channel;
    private final FileLock lock;
    private final String takenOver;

    private BatchLock(FileChannel channel, FileLock lock, String takenOver) {
        this.channel = channel;
        this.lock = lock;
        this.takenOver = takenOver;
    }

    /** Locks {@code outFolder} (which must exist) or refuses because another run holds it. */
    public static BatchLock acquire(Path outFolder) throws BatchSetupException {
        Path file = outFolder.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by another run inside this same JVM (the editor's batch window)
            }
            String previous = read(channel);
            if (lock == null) {
                channel.close();
                throw new BatchSetupException(BatchSetupException.Kind.OUTPUT, "another batch run is writing into "
                        + outFolder + (previous.isEmpty() ? "" : " (" + previous + ")")
                        + "; wait for it to finish or choose another output folder.");
            }
            String takenOver = previous.isEmpty() ? null : previous;
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + " started " + Instant.now() + "\n")
                    .getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return new BatchLock(channel, lock, takenOver);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new BatchSetupException(BatchSetupException.Kind.OUTPUT,
                    "Cannot lock the output folder " + outFolder + ": " + e.getMessage());
        }
    }

    /** What the lock file said when this run found it unheld (a run that ended), or null for a fresh lock. */
    public String takenOverFrom() {
        return takenOver;
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(256);
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).trim();
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing was locked; the error that brought us here is the one to report.
            }
        }
    }

    /**
     * Empties the file and releases the lock. The file stays: deleting it would let a run that opened
     * it a moment ago lock a name no longer in the folder while a third run creates a new one.
     */
    @Override
    public void close() {
        try {
            channel.truncate(0); // empty = ended cleanly; text left behind = a run that was killed
            lock.release();
        } catch (IOException e) {
            // The lock goes with the channel below, or at the latest when the process exits.
        } finally {
            closeQuietly(channel);
        }
    }
}
