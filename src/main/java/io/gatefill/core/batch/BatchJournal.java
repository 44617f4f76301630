package io.gatefill.core.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * A small append-only record, in the output folder, of the outputs batch runs finished there. An
 * output file that exists is complete (writes are atomic), so resuming does not depend on it; it
 * lets the report say whether an existing output is known to come from a batch run or appeared
 * otherwise (written just before a kill, or put there by hand).
 */
final class BatchJournal {
    static final String FILE_NAME = ".gatefill-batch-journal";

    private final Path file;

    BatchJournal(Path outFolder) {
        this.file = outFolder.resolve(FILE_NAME);
    }

    /** Output file names recorded as finished; empty when there is no journal or it cannot be read. */
    Set<String> finished() {
        Set<String> names = new HashSet<>();
        if (!Files.isRegularFile(file)) {
            return names;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int tab = line.indexOf('\t');
                // A torn last line (killed mid-append) has no tab and is ignored.
                if (tab > 0) {
                    names.add(line.substring(0, tab));
                }
            }
        } catch (IOException e) {
            return names;
        }
        return names;
    }

    /** Appends one finished output; a journal that cannot be written loses only its explanatory value. */
    synchronized void recordDone(BatchItem item) {
        String line = item.output().getFileName() + "\t" + item.image().toAbsolutePath() + "\n";
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // The output itself is written and complete; only the note in a later report is affected.
        }
    }
}
