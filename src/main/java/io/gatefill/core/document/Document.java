package io.gatefill.core.document;

import io.gatefill.core.history.History;
import io.gatefill.core.io.ImageMetadata;
import io.gatefill.core.raster.GrayRaster;
import io.gatefill.core.raster.Rect;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One photo being edited: the working image (ARGB), the original as opened, a mask layer, a sketch
 * layer, the source file's metadata and this document's own {@link History}.
 *
 * <p>Rasters are exposed directly for speed (tools write into them); whoever changes pixels calls
 * {@link #fireChanged} with the dirty rectangle, and records the change as an edit. Not thread-safe:
 * the UI thread owns it; background work (autosave) reads a {@link #snapshot} taken on that thread.
 */
public final class Document {
    private final BufferedImage image;
    private final int[] pixels;
    /** Null until the image first changes: until then the image is the original, and 4 bytes/pixel are saved. */
    private BufferedImage original;
    private final GrayRaster mask;
    private final GrayRaster sketch;
    private final ImageMetadata metadata;
    private final Path sourcePath;
    private final String sourceFormat;
    private final History history;
    private final List<DocumentListener> listeners = new CopyOnWriteArrayList<>();
    private GrayRaster previousMask;
    private Path projectPath;
    private long imageRevision;

    /**
     * Creates a document around {@code image}, which becomes the working image (converted to
     * TYPE_INT_ARGB if needed); the original shown by "compare" is a separate copy.
     */
    public Document(BufferedImage image, ImageMetadata metadata, Path sourcePath, String sourceFormat, History history) {
        this(image, null, null, null, metadata, sourcePath, sourceFormat, history);
    }

    /** Restores a document from saved parts (a project or a recovery file); null layers start empty. */
    public Document(BufferedImage image, BufferedImage original, GrayRaster mask, GrayRaster sketch,
                    ImageMetadata metadata, Path sourcePath, String sourceFormat, History history) {
        this.image = toIntArgb(image);
        this.pixels = ((DataBufferInt) this.image.getRaster().getDataBuffer()).getData();
        this.original = original == null ? null : toIntArgb(original);
        int w = this.image.getWidth();
        int h = this.image.getHeight();
        if (this.original != null && (this.original.getWidth() != w || this.original.getHeight() != h)) {
            throw new IllegalArgumentException("original and image sizes differ");
        }
        this.mask = checkSize(mask == null ? new GrayRaster(w, h) : mask, w, h, "mask");
        this.sketch = checkSize(sketch == null ? new GrayRaster(w, h) : sketch, w, h, "sketch");
        this.metadata = metadata;
        this.sourcePath = sourcePath;
        this.sourceFormat = sourceFormat;
        this.history = Objects.requireNonNull(history);
    }

    public int width() {
        return image.getWidth();
    }

    public int height() {
        return image.getHeight();
    }

    public Rect bounds() {
        return new Rect(0, 0, width(), height());
    }

    /** The working image, TYPE_INT_ARGB; its pixels are {@link #pixels()}. */
    public BufferedImage image() {
        return image;
    }

    /** The working image's ARGB pixels, row-major, width() per row: direct access, no copy. */
    public int[] pixels() {
        return pixels;
    }

    /** The image as it was opened, for the before/after comparison. */
    public BufferedImage original() {
        return original == null ? image : original;
    }

    /** Whether the image pixels ever changed since opening (then {@link #original()} is a separate copy). */
    public boolean hasSeparateOriginal() {
        return original != null;
    }

    /** Called by image edits before they write pixels: keeps the opened image for the comparison. */
    void beforeImageChange() {
        if (original == null) {
            original = copyOf(image);
        }
    }

    public GrayRaster mask() {
        return mask;
    }

    public GrayRaster sketch() {
        return sketch;
    }

    /** The raster of a mask or sketch layer. */
    public GrayRaster raster(Layer layer) {
        return switch (layer) {
            case MASK -> mask;
            case SKETCH -> sketch;
            case IMAGE -> throw new IllegalArgumentException("the image layer is ARGB, not a GrayRaster");
        };
    }

    public ImageMetadata metadata() {
        return metadata;
    }

    /** The photo file this document was opened from, or null. */
    public Path sourcePath() {
        return sourcePath;
    }

    /** The source file's format name as ImageFiles reported it (e.g. "png", "jpeg"), or null. */
    public String sourceFormat() {
        return sourceFormat;
    }

    public History history() {
        return history;
    }

    /** The project file this document was last saved to or opened from, or null. */
    public Path projectPath() {
        return projectPath;
    }

    public void setProjectPath(Path projectPath) {
        this.projectPath = projectPath;
    }

    /** Grows whenever image pixels change, so autosave can skip re-encoding an unchanged photo. */
    public long imageRevision() {
        return imageRevision;
    }

    /** The mask as it was before the last clear or fill, or null; "reuse previous mask" brings it back. */
    public GrayRaster previousMask() {
        return previousMask;
    }

    /** Keeps a copy of the current mask for "reuse previous mask" (called before a clear or a fill). */
    public void rememberMask() {
        if (!mask.isEmpty()) {
            previousMask = mask.copy();
        }
    }

    public void addListener(DocumentListener listener) {
        listeners.add(listener);
    }

    public void removeListener(DocumentListener listener) {
        listeners.remove(listener);
    }

    /** Tells listeners that pixels inside {@code region} of {@code layer} changed. */
    public void fireChanged(Layer layer, Rect region) {
        if (region.isEmpty()) {
            return;
        }
        if (layer == Layer.IMAGE) {
            imageRevision++;
        }
        for (DocumentListener listener : listeners) {
            listener.regionChanged(layer, region);
        }
    }

    /** A deep copy of everything a project or recovery file holds, safe to hand to another thread. */
    public DocumentSnapshot snapshot() {
        return new DocumentSnapshot(copyOf(image), original == null ? null : copyOf(original),
                mask.copy(), sketch.copy(), metadata, sourcePath, sourceFormat, history.revision(), imageRevision);
    }

    static BufferedImage copyOf(BufferedImage source) {
        BufferedImage copy = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_INT_ARGB);
        int[] from = ((DataBufferInt) toIntArgb(source).getRaster().getDataBuffer()).getData();
        int[] to = ((DataBufferInt) copy.getRaster().getDataBuffer()).getData();
        System.arraycopy(from, 0, to, 0, from.length);
        return copy;
    }

    private static BufferedImage toIntArgb(BufferedImage source) {
        if (source.getType() == BufferedImage.TYPE_INT_ARGB) {
            return source;
        }
        BufferedImage converted = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_INT_ARGB);
        var g = converted.createGraphics();
        try {
            g.drawImage(source, 0, 0, null);
        } finally {
            g.dispose();
        }
        return converted;
    }

    private static GrayRaster checkSize(GrayRaster raster, int w, int h, String what) {
        if (raster.width() != w || raster.height() != h) {
            throw new IllegalArgumentException(what + " is " + raster.width() + "x" + raster.height()
                    + " but the image is " + w + "x" + h);
        }
        return raster;
    }
}
