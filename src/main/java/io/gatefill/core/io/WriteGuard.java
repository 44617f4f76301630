package io.gatefill.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;

/**
 * The one rule for "may this path be written": never a file the program reads (photos, masks,
 * sketches, the model, its card, its gate view) and never another output the same run plans. A path
 * is compared by the file it names (device and inode, which sees through symlinks and hard links) and
 * by its spelling resolved against the real folders ({@code ./..}, a symlinked folder), so a
 * target that does not exist yet is still caught. The CLI, batch and the editor all ask this class.
 */
public final class WriteGuard {
    private final Map<Object, String> byFileKey = new HashMap<>();
    private final Map<Path, String> byRealPath = new HashMap<>();

    /** Adds a path that must not be written; {@code role} names it in the refusal ("the photo a.jpg"). */
    public WriteGuard protect(String role, Path path) {
        if (path == null) {
            return this;
        }
        Object key = fileKey(path);
        if (key != null) {
            byFileKey.putIfAbsent(key, role);
        }
        byRealPath.putIfAbsent(realSpelling(path), role);
        return this;
    }

    /** Refuses {@code target} when it is, or may become, one of the protected files. */
    public void check(Path target) throws OutputRefusedException {
        String role = protector(target);
        if (role != null) {
            throw new OutputRefusedException("Refusing to write " + target + ": it is " + role
                    + ". Gatefill never writes over a file it reads or another of its outputs.");
        }
        if (Files.isDirectory(target)) {
            throw new OutputRefusedException("Refusing to write " + target + ": it is a folder.");
        }
    }

    /** The role of the protected file {@code target} names, or null. */
    public String protector(Path target) {
        Object key = fileKey(target);
        if (key != null && byFileKey.containsKey(key)) {
            return byFileKey.get(key);
        }
        return byRealPath.get(realSpelling(target));
    }

    /** True when the two paths name one file, however spelled or linked. */
    public static boolean samePlace(Path a, Path b) {
        return new WriteGuard().protect("", a).protector(b) != null;
    }

    /** Device and inode of an existing file (links followed), or null when it does not exist. */
    private static Object fileKey(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** The path with its deepest existing ancestor resolved to its real path, the rest normalised. */
    static Path realSpelling(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
        } catch (IOException e) {
            return absolute;
        }
    }
}
