package io.gatefill.core.io;

/** A path the program will not write: an input, another planned output, or a folder. */
public class OutputRefusedException extends ImageFileException {
    public OutputRefusedException(String message) {
        super(message);
    }
}
