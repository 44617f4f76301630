package io.gatefill.core.project;

import io.gatefill.core.document.Document;
import io.gatefill.core.document.DocumentFixtures;
import io.gatefill.core.document.ImageRegionEdit;
import io.gatefill.core.raster.Rect;
import io.gatefill.core.tools.BrushSettings;
import io.gatefill.core.tools.BrushTool;
import io.gatefill.core.tools.ToolKind;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A child process for the kill-and-restore test: edits a document, lets the real autosave thread
 * write it to the recovery folder, reports "AUTOSAVED", then keeps editing (unsaved) until killed.
 */
public final class RecoveryChild {
    private RecoveryChild() {
    }

    /** The edits that happen before the autosave; the test replays them to know the expected pixels. */
    public static void savedEdits(Document doc) {
        stroke(doc, ToolKind.MASK_BRUSH, 24, 0.6, 30, 40, 200, 60, 220, 150);
        stroke(doc, ToolKind.MASK_ERASER, 8, 1.0, 100, 20, 100, 120);
        stroke(doc, ToolKind.SKETCH_PEN, 4, 1.0, 10, 170, 250, 20);
        int[] patch = new int[40 * 30];
        java.util.Arrays.fill(patch, 0xFF3366CC);
        doc.history().push(new ImageRegionEdit(doc, new Rect(150, 120, 40, 30), patch, "Fill"));
    }

    static void stroke(Document doc, ToolKind kind, int size, double hardness, double... points) {
        BrushTool tool = new BrushTool(kind, new BrushSettings(size, hardness));
        tool.startStroke(doc, points[0], points[1]);
        for (int i = 2; i < points.length; i += 2) {
            tool.continueTo(points[i], points[i + 1]);
        }
        tool.finishStroke();
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Document doc = DocumentFixtures.document(260, 180);
        savedEdits(doc);
        RecoveryStore store = new RecoveryStore(dir);
        Object lock = new Object();
        Autosaver autosaver = new Autosaver(store, () -> {
            synchronized (lock) {
                return doc.history().isDirty() ? doc.snapshot() : null;
            }
        }, Throwable::printStackTrace);
        autosaver.start(1);
        long deadline = System.currentTimeMillis() + 60_000;
        while (!Files.exists(store.sessionFile()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        autosaver.start(0); // no further autosaves: what follows is work the crash loses
        System.out.println("AUTOSAVED " + store.sessionFile());
        System.out.flush();
        for (int i = 0; ; i++) {
            synchronized (lock) {
                stroke(doc, ToolKind.MASK_BRUSH, 10, 1.0, i % 250, 5, (i * 7) % 250, 170);
            }
            Thread.sleep(20);
        }
    }
}
