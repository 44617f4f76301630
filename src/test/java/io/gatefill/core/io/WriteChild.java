package io.gatefill.core.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A child process for the umask test: writes one file the way every output is written, then exits. */
public final class WriteChild {
    private WriteChild() {
    }

    public static void main(String[] args) throws Exception {
        AtomicFiles.write(Path.of(args[0]), false, out -> out.write("result".getBytes(StandardCharsets.UTF_8)));
    }
}
