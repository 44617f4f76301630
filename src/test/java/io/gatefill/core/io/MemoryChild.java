package io.gatefill.core.io;

import java.nio.file.Path;

/** A child process for the out-of-memory test: opens one photo under a small heap, prints what happened. */
public final class MemoryChild {
    private MemoryChild() {
    }

    public static void main(String[] args) {
        try {
            ImageFiles.load(Path.of(args[0]), ImageFiles.DEFAULT_MAX_PIXELS);
            System.out.println("LOADED");
        } catch (ImageFileException e) {
            System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
