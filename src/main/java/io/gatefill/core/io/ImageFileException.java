package io.gatefill.core.io;

import java.io.IOException;

/** A failure to read or write an image file, with a message meant for the person who chose the file. */
public class ImageFileException extends IOException {
    public ImageFileException(String message) {
        super(message);
    }

    public ImageFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
