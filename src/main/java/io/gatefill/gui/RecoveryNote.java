package io.gatefill.gui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * What a recovery file holds work of: the project it belonged to (null for a photo never saved as a
 * project). Kept in a small file beside the recovery file, because the project format has no place for
 * its own path; without it a restored project came back titled as its photo and Ctrl+S asked for a path.
 */
record RecoveryNote(Path projectPath) {
    private static final String SUFFIX = ".note";

    /** Records the document's project path beside this session's recovery file (removes the note if none). */
    static void write(Path recoveryFile, Path projectPath) throws IOException {
        Path note = noteOf(recoveryFile);
        if (projectPath == null) {
            Files.deleteIfExists(note);
            return;
        }
        Path temp = note.resolveSibling(note.getFileName() + ".tmp");
        Files.writeString(temp, projectPath.toAbsolutePath().toString(), StandardCharsets.UTF_8);
        Files.move(temp, note, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The note of a recovery file; an absent or unreadable note means "a photo, no project". */
    static RecoveryNote read(Path recoveryFile) {
        try {
            String text = Files.readString(noteOf(recoveryFile), StandardCharsets.UTF_8).strip();
            return new RecoveryNote(text.isEmpty() ? null : Path.of(text));
        } catch (IOException | RuntimeException e) {
            return new RecoveryNote(null);
        }
    }

    static void delete(Path recoveryFile) {
        try {
            Files.deleteIfExists(noteOf(recoveryFile));
        } catch (IOException e) {
            // a stale note is a few bytes and is read only next to its recovery file
        }
    }

    /** The sentence the user sees after restoring: what came back, from when, and why undo starts afresh. */
    static String restoredMessage(String name, Path recoveryFile) {
        String when;
        try {
            when = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault())
                    .format(Instant.ofEpochMilli(Files.getLastModifiedTime(recoveryFile).toMillis()));
        } catch (IOException e) {
            when = "the last autosave";
        }
        return "Restored unsaved work on " + name + " as autosaved at " + when
                + ". Undo starts here: the steps before the crash are not kept.";
    }

    private static Path noteOf(Path recoveryFile) {
        return recoveryFile.resolveSibling(recoveryFile.getFileName() + SUFFIX);
    }
}
