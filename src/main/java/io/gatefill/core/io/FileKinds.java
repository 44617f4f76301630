package io.gatefill.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;

/**
 * Says what a path is when it is not a file that can be read as an image: a folder, a named pipe, a
 * device, a symbolic link loop or a link to nothing. Never opens the path (opening a FIFO blocks).
 */
public final class FileKinds {
    /** Links followed before a chain counts as a loop; Linux's own limit is 40. */
    private static final int MAX_LINKS = 40;
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFSOCK = 0140000;

    private FileKinds() {
    }

    /** Null for a readable regular file, else the sentence that names the problem. */
    static String problem(Path file) {
        String kind = kind(file);
        if (kind == null) {
            return Files.isReadable(file) ? null : file + " cannot be read: permission denied.";
        }
        return file + " " + kind + (kind.startsWith("is a") ? ", not an image file." : ".");
    }

    /**
     * What the path is when it is not a regular file ("is a folder", "is a named pipe (FIFO)", "does
     * not exist", ...), or null for a regular file (links followed).
     */
    public static String kind(Path path) {
        Path target = path;
        Set<Path> seen = new HashSet<>();
        try {
            while (Files.isSymbolicLink(target)) {
                if (!seen.add(target.toAbsolutePath().normalize()) || seen.size() > MAX_LINKS) {
                    return "is a symbolic link loop";
                }
                target = target.toAbsolutePath().resolveSibling(Files.readSymbolicLink(target));
            }
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return target.equals(path) ? "does not exist" : "is a symbolic link to a missing file (" + target + ")";
            }
            if (a.isDirectory()) {
                return "is a folder";
            }
            return a.isRegularFile() ? null : special(target);
        } catch (IOException e) {
            return "cannot be read: " + e.getMessage();
        }
    }

    private static String special(Path path) {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & S_IFMT;
            return switch (mode) {
                case S_IFIFO -> "is a named pipe (FIFO)";
                case S_IFCHR, S_IFBLK -> "is a device";
                case S_IFSOCK -> "is a socket";
                default -> "is a special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "is a special file"; // no unix attributes here (Windows): still not a regular file
        }
    }
}
