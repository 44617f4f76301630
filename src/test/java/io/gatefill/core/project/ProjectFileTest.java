package io.gatefill.core.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatefill.core.document.Document;
import io.gatefill.core.document.DocumentFixtures;
import io.gatefill.core.document.DocumentSnapshot;
import io.gatefill.core.tools.ToolKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .gatefill format: lossless round trip and clear failures on damaged files. */
class ProjectFileTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsLayersSourceAndAnUneditedImageWithoutACopyOfTheOriginal() throws Exception {
        Document doc = DocumentFixtures.document(90, 70);
        RecoveryChild.stroke(doc, ToolKind.MASK_BRUSH, 12, 0.3, 10, 10, 80, 60);
        RecoveryChild.stroke(doc, ToolKind.SKETCH_PEN, 3, 1, 5, 65, 85, 5);
        Path file = dir.resolve("p.gatefill");
        ProjectFile.write(doc.snapshot(), file);
        DocumentSnapshot back = ProjectFile.read(file);
        assertThat(back.mask().data()).as("soft mask values survive").isEqualTo(doc.mask().data());
        assertThat(back.sketch().data()).isEqualTo(doc.sketch().data());
        assertThat(back.image().getRGB(0, 0, 90, 70, null, 0, 90)).isEqualTo(doc.image().getRGB(0, 0, 90, 70, null, 0, 90));
        assertThat(back.original()).isNull();
        assertThat(back.sourceFormat()).isEqualTo("png");
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).as("no temp file left behind").containsExactly(file);
        }
    }

    @Test
    void badProjectsFailWithAMessageNamingTheProblem() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.gatefill"));
        assertThatThrownBy(() -> ProjectFile.read(empty)).isInstanceOf(IOException.class).hasMessageContaining("empty");

        Path noise = dir.resolve("noise.gatefill");
        byte[] bytes = new byte[2000];
        new java.util.Random(5).nextBytes(bytes);
        Files.write(noise, bytes);
        assertThatThrownBy(() -> ProjectFile.read(noise)).isInstanceOf(IOException.class)
                .hasMessageContaining("noise.gatefill");

        Document doc = DocumentFixtures.document(40, 30);
        Path good = dir.resolve("good.gatefill");
        ProjectFile.write(doc.snapshot(), good);
        byte[] all = Files.readAllBytes(good);
        Path truncated = dir.resolve("truncated.gatefill");
        Files.write(truncated, Arrays.copyOf(all, all.length / 2));
        assertThatThrownBy(() -> ProjectFile.read(truncated)).isInstanceOf(IOException.class)
                .hasMessageContaining("truncated.gatefill");

        Path future = dir.resolve("future.gatefill");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(future))) {
            zip.putNextEntry(new ZipEntry("project.json"));
            zip.write("{\"format\":\"gatefill-project\",\"version\":99}".getBytes());
            zip.closeEntry();
        }
        assertThatThrownBy(() -> ProjectFile.read(future)).isInstanceOf(IOException.class).hasMessageContaining("99");
    }
}
