package io.gatefill.gui;

import io.gatefill.core.document.Document;
import io.gatefill.core.document.DocumentSnapshot;
import io.gatefill.core.project.ProjectFile;
import io.gatefill.core.project.RecoveryStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Crash recovery in the editor: the autosaver's snapshot, and restoring what a crashed session left. */
public final class RecoveryViewModel {
    private final EditorViewModel editor;
    private final DialogService dialogs;
    private final RecoveryStore recovery;

    RecoveryViewModel(EditorViewModel editor, DialogService dialogs, RecoveryStore recovery) {
        this.editor = editor;
        this.dialogs = dialogs;
        this.recovery = recovery;
    }

    /** A snapshot of the document if it has unsaved changes, else null: the autosaver's source. */
    public DocumentSnapshot snapshotIfDirty() {
        Document doc = editor.getDocument();
        // Mid-stroke is fine: the half-painted stroke is saved as it is, which is still the user's work.
        return doc == null || !doc.history().isDirty() ? null : doc.snapshot();
    }

    /** Offers to restore what a crashed session left in the recovery folder. */
    public void offerRecovery() {
        if (recovery == null) {
            return;
        }
        List<Path> orphans;
        try {
            orphans = recovery.orphans();
        } catch (IOException e) {
            dialogs.showError("Recovery folder unreadable", EditorPaths.describe(e));
            return;
        }
        if (orphans.isEmpty()) {
            return;
        }
        Path project = RecoveryNote.read(orphans.get(0)).projectPath();
        switch (dialogs.askRecovery(orphans, project != null ? String.valueOf(project.getFileName()) : null)) {
            case RESTORE -> restore(orphans.get(0), orphans);
            case DISCARD -> orphans.forEach(this::discardQuietly);
            case LATER -> {
                // kept for the next start
            }
        }
    }

    private void restore(Path file, List<Path> all) {
        Path project = RecoveryNote.read(file).projectPath();
        editor.run("Restoring", () -> ProjectFile.read(file), snapshot -> {
            Document restored = editor.fromSnapshot(snapshot);
            restored.setProjectPath(project); // so the title names the project and Ctrl+S saves back to it
            editor.documentProperty().set(restored);
            restored.history().markUnsaved(); // nothing of it is saved anywhere but the recovery folder
            editor.history().refreshTitle();
            editor.status().say(RecoveryNote.restoredMessage(EditorPaths.displayName(restored), file));
            all.forEach(this::discardQuietly);
        }, error -> dialogs.showError("Cannot restore " + file.getFileName(),
                EditorPaths.describe(error) + "\nThe file stays in " + file.getParent() + "."));
    }

    private void discardQuietly(Path orphan) {
        try {
            RecoveryNote.delete(orphan);
            recovery.discard(orphan);
        } catch (IOException e) {
            editor.status().say("Could not delete " + orphan.getFileName() + ": " + e.getMessage());
        }
    }
}
