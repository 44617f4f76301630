package io.gatefill.gui;

import io.gatefill.core.document.Document;
import io.gatefill.core.io.WriteGuard;
import io.gatefill.core.project.ProjectFile;
import io.gatefill.engine.ModelFiles;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/** Names, extensions, the write rule and user-facing error sentences the editor's file commands share. */
final class EditorPaths {
    private EditorPaths() {
    }

    /** A user-facing sentence for any failure (ImageFileException messages are already written for users). */
    static String describe(Throwable error) {
        if (error instanceof NoSuchFileException e) {
            return "File not found: " + e.getFile();
        }
        if (error instanceof OutOfMemoryError || error.getCause() instanceof OutOfMemoryError) {
            return "Not enough memory. Close other work or start Gatefill with a larger -Xmx.";
        }
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }

    static boolean isProject(Path path) {
        return path.getFileName() != null
                && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(ProjectFile.EXTENSION);
    }

    static boolean isSourceFile(Document doc, Path target) {
        return doc.sourcePath() != null && WriteGuard.samePlace(doc.sourcePath(), target);
    }

    /**
     * Core's write rule for the editor: never the files of the model in use ({@code model}, null when
     * there is none), and never the opened photo unless the user confirmed overwriting it (export only;
     * a project or mask never goes there).
     */
    static WriteGuard writeGuard(Document doc, boolean sourceConfirmed, ModelFiles model) {
        WriteGuard guard = new WriteGuard();
        if (!sourceConfirmed) {
            guard.protect("the photo you opened", doc.sourcePath());
        }
        if (model != null) {
            model.protectIn(guard);
        }
        return guard;
    }

    static String displayName(Document doc) {
        Path p = doc.projectPath() != null ? doc.projectPath() : doc.sourcePath();
        return p == null || p.getFileName() == null ? "Untitled" : p.getFileName().toString();
    }

    static String baseName(Document doc) {
        String name = doc.sourcePath() == null || doc.sourcePath().getFileName() == null ? "untitled"
                : doc.sourcePath().getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    static String sourceExtension(Document doc) {
        return doc.sourcePath() == null ? null : extension(doc.sourcePath());
    }

    static String extension(Path p) {
        String name = p.getFileName() == null ? "" : p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    static Path withExtension(Path p, String ext) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(ext) ? p
                : p.resolveSibling(p.getFileName() + ext);
    }
}
