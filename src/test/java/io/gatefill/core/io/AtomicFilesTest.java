package io.gatefill.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatefill.testing.ChildJvm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Publishing a written file: never over one that appeared meanwhile, with the umask's mode, any name length. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    private static AtomicFiles.Content text(String s) {
        return out -> out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFileThatAppearsWhileWritingIsKeptAndTheWriteIsRefused() throws Exception {
        Path target = dir.resolve("result.png");
        // The content callback runs after the "does it exist" check and before publishing: the window
        // in which another program (or a second run) creates the user's file.
        assertThatThrownBy(() -> AtomicFiles.write(target, false, out -> {
            Files.writeString(target, "the user's only copy");
            out.write("ours".getBytes(StandardCharsets.UTF_8));
        })).isInstanceOf(OutputRefusedException.class).hasMessageContaining("appeared while writing");

        assertThat(Files.readString(target)).isEqualTo("the user's only copy");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).containsExactly(target);
        }
    }

    @Test
    void bothWaysOfWritingReportTheSizeAndHashOfWhatIsOnDisk() throws Exception {
        byte[] bytes = "the fill's PNG".getBytes(StandardCharsets.UTF_8);
        Path fromArray = dir.resolve("array.png");
        Path fromStream = dir.resolve("stream.png");
        AtomicFiles.Written lazy = AtomicFiles.write(fromArray, false, bytes);
        AtomicFiles.Written streamed = AtomicFiles.write(fromStream, false, out -> out.write(bytes));
        String onDisk = java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(fromArray)));
        assertThat(Files.readAllBytes(fromStream)).isEqualTo(bytes);
        assertThat(lazy.size()).isEqualTo(streamed.size()).isEqualTo(bytes.length);
        assertThat(lazy.sha256()).isEqualTo(streamed.sha256()).isEqualTo(onDisk);
        assertThat(lazy.sha256()).isEqualTo(onDisk); // asked again: the kept value
    }

    @Test
    void withOverwriteAnExistingFileIsReplacedWhole() throws Exception {
        Path target = dir.resolve("result.png");
        Files.writeString(target, "old");
        AtomicFiles.write(target, true, text("new"));
        assertThat(Files.readString(target)).isEqualTo("new");
    }

    @Test
    void aTwoHundredFiftyCharacterNameIsWrittenAndItsTemporaryNameFits() throws Exception {
        String name = "a".repeat(246) + ".png";
        Path target = dir.resolve(name);
        AtomicFiles.write(target, false, text("x"));
        assertThat(Files.readString(target)).isEqualTo("x");

        String multiByte = "é".repeat(125) + ".png"; // 254 bytes in UTF-8
        AtomicFiles.write(dir.resolve(multiByte), false, text("y"));
        assertThat(Files.readString(dir.resolve(multiByte))).isEqualTo("y");
        String prefix = AtomicFiles.tempPrefix(multiByte);
        assertThat(prefix.getBytes(StandardCharsets.UTF_8).length).isLessThan(AtomicFiles.MAX_NAME_BYTES - 12);
    }

    @ParameterizedTest
    @CsvSource({"022, rw-r--r--", "077, rw-------", "002, rw-rw-r--"})
    void theWrittenFileGetsTheModeTheUmaskGives(String umask, String expected) throws Exception {
        Path target = dir.resolve("out-" + umask + ".png");
        ChildJvm.Result child = ChildJvm.run("umask " + umask, List.of("-Xmx64m"), WriteChild.class.getName(),
                target.toString());
        assertThat(child.exitCode()).as(child.output()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo(expected);
    }
}
