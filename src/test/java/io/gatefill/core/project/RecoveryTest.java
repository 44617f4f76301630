package io.gatefill.core.project;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatefill.core.document.Document;
import io.gatefill.core.document.DocumentFixtures;
import io.gatefill.core.document.DocumentSnapshot;
import io.gatefill.core.history.History;
import io.gatefill.core.tools.ToolKind;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crash recovery: a killed child process is restored pixel for pixel; live sessions and clean exits are respected. */
class RecoveryTest {
    @TempDir
    Path dir;

    @Test
    void killedEditorIsRestoredFromTheRecoveryFolder() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Djava.awt.headless=true", "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), RecoveryChild.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        try {
            CompletableFuture<String> saved = CompletableFuture.supplyAsync(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    StringBuilder all = new StringBuilder();
                    while ((line = out.readLine()) != null) {
                        if (line.startsWith("AUTOSAVED")) {
                            return line;
                        }
                        all.append(line).append('\n');
                    }
                    return "EXITED\n" + all;
                } catch (Exception e) {
                    return "ERROR " + e;
                }
            });
            String line = saved.get(90, TimeUnit.SECONDS);
            assertThat(line).startsWith("AUTOSAVED");
            Thread.sleep(300); // let it paint unsaved strokes, then crash it mid-edit
            assertThat(child.isAlive()).isTrue();
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        try (RecoveryStore store = new RecoveryStore(dir)) {
            List<Path> orphans = store.orphans();
            assertThat(orphans).hasSize(1);
            DocumentSnapshot restored = ProjectFile.read(orphans.get(0));

            Document expected = DocumentFixtures.document(260, 180);
            RecoveryChild.savedEdits(expected);
            assertThat(restored.mask().data()).isEqualTo(expected.mask().data());
            assertThat(restored.sketch().data()).isEqualTo(expected.sketch().data());
            assertThat(restored.image().getRGB(0, 0, 260, 180, null, 0, 260))
                    .isEqualTo(expected.image().getRGB(0, 0, 260, 180, null, 0, 260));
            assertThat(restored.original()).as("the fill made the image differ from the original").isNotNull();
            assertThat(restored.original().getRGB(160, 130)).isEqualTo(expected.original().getRGB(160, 130));

            store.discard(orphans.get(0));
            assertThat(store.orphans()).isEmpty();
        }
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).as("a clean close leaves nothing behind").isEmpty();
        }
    }

    @Test
    void aLiveSessionIsNotAnOrphanAndACleanCloseDeletesItsFile() throws Exception {
        Document doc = DocumentFixtures.document(40, 30);
        RecoveryChild.stroke(doc, ToolKind.MASK_BRUSH, 6, 1, 5, 5, 30, 20);
        RecoveryStore first = new RecoveryStore(dir);
        first.write(doc.snapshot());
        try (RecoveryStore second = new RecoveryStore(dir)) {
            assertThat(second.orphans()).isEmpty();
        }
        assertThat(Files.exists(first.sessionFile())).isTrue();
        first.close();
        assertThat(Files.exists(first.sessionFile())).isFalse();
    }

    @Test
    void staleLockFilesOfSessionsThatNeverSavedAreSwept() throws Exception {
        Path stale = dir.resolve("session-1-1.lock");
        Files.createFile(stale);
        try (RecoveryStore store = new RecoveryStore(dir)) {
            assertThat(stale).doesNotExist();
            assertThat(store.orphans()).isEmpty();
        }
    }

    @Test
    void autosaverWritesOnlyWhenChangedAndRemovesTheFileWhenClean() throws Exception {
        Document doc = DocumentFixtures.document(40, 30);
        try (RecoveryStore store = new RecoveryStore(dir);
             Autosaver autosaver = new Autosaver(store,
                     () -> doc.history().isDirty() ? doc.snapshot() : null, e -> { })) {
            assertThat(autosaver.saveNow()).as("clean document: nothing to save").isFalse();
            RecoveryChild.stroke(doc, ToolKind.MASK_BRUSH, 6, 1, 5, 5, 30, 20);
            assertThat(autosaver.saveNow()).isTrue();
            assertThat(Files.exists(store.sessionFile())).isTrue();
            assertThat(autosaver.saveNow()).as("unchanged since the last autosave").isFalse();
            doc.history().markSaved();
            assertThat(autosaver.saveNow()).isFalse();
            assertThat(Files.exists(store.sessionFile())).as("saved work needs no recovery file").isFalse();
        }
    }

    @Test
    void restoredSnapshotBuildsAnEquivalentDocument() throws Exception {
        Document doc = DocumentFixtures.document(260, 180);
        RecoveryChild.savedEdits(doc);
        Path file = dir.resolve("x.gatefill");
        ProjectFile.write(doc.snapshot(), file);
        DocumentSnapshot s = ProjectFile.read(file);
        Document back = new Document(s.image(), s.original(), s.mask(), s.sketch(), s.metadata(), s.sourcePath(),
                s.sourceFormat(), new History());
        assertThat(back.mask().data()).isEqualTo(doc.mask().data());
        assertThat(back.pixels()).isEqualTo(doc.pixels());
    }
}
