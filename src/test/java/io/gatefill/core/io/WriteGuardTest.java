package io.gatefill.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one "may this path be written" rule: every spelling and link of a protected file is refused. */
class WriteGuardTest {
    @TempDir
    Path dir;
    Path photo;
    Path planned;
    WriteGuard guard;

    @BeforeEach
    void files() throws Exception {
        photo = Files.writeString(Files.createDirectories(dir.resolve("in")).resolve("a.jpg"), "photo");
        planned = dir.resolve("out").resolve("a.png"); // not written yet
        Files.createDirectories(planned.getParent());
        guard = new WriteGuard().protect("the photo a.jpg", photo).protect("the output planned for a.jpg", planned);
    }

    @Test
    void refusesEverySpellingAndLinkOfAProtectedFile() throws Exception {
        Path symlinkedFolder = Files.createSymbolicLink(dir.resolve("via"), dir.resolve("in"));
        Path[] spellings = {
            photo,
            dir.resolve("out/../in/./a.jpg"),
            Files.createSymbolicLink(dir.resolve("link.json"), photo),
            Files.createLink(dir.resolve("hard.json"), photo),
            symlinkedFolder.resolve("a.jpg"),
        };
        for (Path spelling : spellings) {
            assertThatThrownBy(() -> guard.check(spelling)).as(spelling.toString())
                    .isInstanceOf(OutputRefusedException.class).hasMessageContaining("it is the photo a.jpg");
        }
    }

    @Test
    void refusesAPlannedOutputThatDoesNotExistYetHoweverSpelled() throws Exception {
        Path outLink = Files.createSymbolicLink(dir.resolve("outlink"), planned.getParent());
        for (Path spelling : new Path[] {planned, dir.resolve("in/../out/a.png"), outLink.resolve("a.png")}) {
            assertThatThrownBy(() -> guard.check(spelling)).as(spelling.toString())
                    .hasMessageContaining("it is the output planned for a.jpg");
        }
    }

    @Test
    void allowsOtherFilesAndRefusesFolders() throws Exception {
        guard.check(dir.resolve("out/b.png"));
        guard.check(dir.resolve("in/a.jpg.png"));
        Files.writeString(dir.resolve("copy.jpg"), "photo"); // same bytes, another file
        guard.check(dir.resolve("copy.jpg"));
        assertThatThrownBy(() -> guard.check(dir.resolve("in"))).hasMessageContaining("is a folder");
        assertThat(WriteGuard.samePlace(photo, dir.resolve("in/../in/a.jpg"))).isTrue();
        assertThat(WriteGuard.samePlace(photo, dir.resolve("copy.jpg"))).isFalse();
    }
}
