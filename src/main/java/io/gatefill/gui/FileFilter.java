package io.gatefill.gui;

import java.util.List;

/** A file-type choice for open/save dialogs, e.g. "PNG image" with "*.png". */
public record FileFilter(String description, List<String> patterns) {
    public static FileFilter of(String description, String... patterns) {
        return new FileFilter(description, List.of(patterns));
    }
}
