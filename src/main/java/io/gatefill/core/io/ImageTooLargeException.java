package io.gatefill.core.io;

/** An image refused from its header because it has more pixels than the limit. */
public class ImageTooLargeException extends ImageFileException {
    public ImageTooLargeException(String message) {
        super(message);
    }
}
