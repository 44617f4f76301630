package io.gatefill.core.io;
/** TEMP STUB. */
public class ImageFileException extends java.io.IOException { public ImageFileException(String m) { super(m); } }
