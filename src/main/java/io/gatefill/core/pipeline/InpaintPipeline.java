package io.gatefill.core.pipeline;

import io.gatefill.core.raster.GrayRaster;
import io.gatefill.core.raster.Rect;
import io.gatefill.core.synthesis.PatchSynthesizer;
import io.gatefill.core.synthesis.SeamBlend;
import io.gatefill.core.synthesis.SynthesisMonitor;
import io.gatefill.core.synthesis.SynthesisResult;
import io.gatefill.core.synthesis.SynthesisSettings;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * The one fill pipeline shared by the editor, the CLI and batch: plan regions, then by the request's
 * {@link FillEngine}: cut and scale a window per region, pad, run the model, unpad, scale back,
 * correct the prediction's colour to meet the photo around the hole and composite hole pixels
 * ({@code model}); or synthesise the hole from the photo's own patches at full resolution, guided by
 * the model's corrected prediction ({@code hybrid}) or not ({@code patch}). The photo is read window
 * by window and never copied whole; the result is a {@link Patch} per filled region, whose pixels
 * outside the hole are the photo's, never recomputed; alpha is carried through from the input
 * everywhere.
 *
 * <p>{@link #run} blocks for as long as the fill takes: call it from a background thread. One
 * pipeline may be used from several threads only if its {@link Inpainter} allows that.
 */
public final class InpaintPipeline {
    /** Progress steps per synthesis window, so a single-region fill still reports real progress. */
    private static final int STEPS_PER_SYNTHESIS = 100;

    private final Inpainter inpainter;
    private final PipelineSettings settings;
    private final SynthesisSettings synthesis;

    public InpaintPipeline(Inpainter inpainter, PipelineSettings settings) {
        this(inpainter, settings, SynthesisSettings.defaults());
    }

    /**
     * @param inpainter the model, or null when there is none: then only {@link FillEngine#PATCH}
     *                  requests can run, and the others are refused with a message that says so
     */
    public InpaintPipeline(Inpainter inpainter, PipelineSettings settings, SynthesisSettings synthesis) {
        this.inpainter = inpainter;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.synthesis = Objects.requireNonNull(synthesis, "synthesis");
    }

    /** The pipeline without a model: only {@link FillEngine#PATCH} runs, with the default settings. */
    public static InpaintPipeline withoutModel() {
        return new InpaintPipeline(null, PipelineSettings.defaults());
    }

    public PipelineSettings settings() {
        return settings;
    }

    /**
     * Fills the request's hole and returns a patch per region. Progress is reported before each region
     * and once at the end; the token is checked between regions, and on cancel nothing is returned (the
     * request's image is never modified in any case; the result keeps it to compose from, so it must not
     * change while the result is in use).
     *
     * @throws InpaintException EMPTY_MASK, ALL_HOLE, SIZE_MISMATCH, TOO_LARGE, ENGINE_FAILED or CANCELLED
     */
    public InpaintResult run(InpaintRequest request, ProgressListener progress, CancellationToken cancel)
            throws InpaintException {
        ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
        CancellationToken token = cancel == null ? CancellationToken.none() : cancel;
        int w = request.image().getWidth();
        int h = request.image().getHeight();
        BinaryMask remaining = validatedMask(request);
        BinaryMask sketch = request.sketch() == null ? null : BinaryMask.of(request.sketch());
        if (request.engine().needsModel() && inpainter == null) {
            throw new InpaintException(InpaintException.Reason.ENGINE_FAILED, "The " + request.engine().id()
                    + " engine needs the model, which is not loaded; the patch engine fills without it.");
        }
        if (request.engine() != FillEngine.MODEL) {
            return synthesise(request, remaining, sketch, listener, token);
        }
        List<Window> windows = plan(request.strategy(), remaining, w, h);

        // Window by window: only the windows are read and only the regions kept, never the whole photo.
        RegionCanvas canvas = new RegionCanvas(request.image());
        Rect affected = null;
        for (int i = 0; i < windows.size(); i++) {
            token.throwIfCancelled();
            listener.progress(i, windows.size(), "Filling region " + (i + 1) + " of " + windows.size());
            Window window = windows.get(i);
            fillWindow(window, canvas, remaining, sketch);
            affected = affected == null ? window.region() : RegionPlanner.union(affected, window.region());
        }
        token.throwIfCancelled();
        listener.progress(windows.size(), windows.size(), "Done");
        return new InpaintResult(request.image(), canvas.patches(), affected, windows);
    }

    /**
     * Refuses a request {@link #run} would refuse before filling anything (empty or all-hole mask, sizes
     * that differ, a photo too large for the model's ORIGINAL strategy), without planning what it need
     * not: the patch and hybrid engines' windows cannot fail, and finding the regions of a 24 MP mask
     * takes a tenth of a second.
     */
    public void check(InpaintRequest request) throws InpaintException {
        if (request.engine() == FillEngine.MODEL) {
            plan(request);
        } else {
            validatedMask(request);
        }
    }

    /** The windows {@link #run} would use, without running the model (previews and tests). */
    public List<Window> plan(InpaintRequest request) throws InpaintException {
        BinaryMask mask = validatedMask(request);
        int w = request.image().getWidth();
        int h = request.image().getHeight();
        return request.engine() == FillEngine.MODEL ? plan(request.strategy(), mask, w, h)
                : synthesisWindows(mask, w, h);
    }

    /**
     * Patch and hybrid fills work at full resolution whatever the strategy: a small photo is one window
     * with every hole; a large one gets a window per region with context around it.
     */
    private List<Window> synthesisWindows(BinaryMask mask, int w, int h) {
        if ((long) w * h <= settings.wholePhotoPixels()) {
            return List.of(new Window(bounds(mask), new Rect(0, 0, w, h), w, h));
        }
        List<Window> windows = new ArrayList<>();
        for (Rect region : RegionPlanner.plan(mask, settings.mergeDistance())) {
            windows.add(WindowPlanner.synthesis(region, w, h, settings));
        }
        return windows;
    }

    private InpaintResult synthesise(InpaintRequest request, BinaryMask remaining, BinaryMask sketch,
                                     ProgressListener listener, CancellationToken token) throws InpaintException {
        int w = request.image().getWidth();
        int h = request.image().getHeight();
        List<Window> windows = synthesisWindows(remaining, w, h);
        RegionCanvas canvas = new RegionCanvas(request.image());
        int total = windows.size() * STEPS_PER_SYNTHESIS;
        Rect affected = null;
        for (int i = 0; i < windows.size(); i++) {
            token.throwIfCancelled();
            Window window = windows.get(i);
            int base = i * STEPS_PER_SYNTHESIS;
            String where = windows.size() == 1 ? "" : " (region " + (i + 1) + " of " + windows.size() + ")";
            Rect win = window.window();
            BinaryMask hole = remaining.crop(win.x(), win.y(), win.width(), win.height());
            int[] crop = canvas.cut(win);
            int[] guide = null;
            if (request.engine() == FillEngine.HYBRID) {
                listener.progress(base, total, "Running the model" + where);
                guide = guide(win, hole, crop, canvas, w, h, remaining, sketch);
            }
            SynthesisMonitor monitor = new SynthesisMonitor() {
                @Override
                public void progress(double fraction, String stage) {
                    listener.progress(base + (int) (fraction * (STEPS_PER_SYNTHESIS - 1)), total, stage + where);
                }

                @Override
                public boolean cancelled() {
                    return token.isCancelled();
                }
            };
            SynthesisResult filled;
            try {
                filled = PatchSynthesizer.fill(crop, win.width(), win.height(), hole.bits, guide,
                        synthesis.withSeed(request.seed() + i), monitor);
            } catch (CancellationException e) {
                token.throwIfCancelled();
                throw new InpaintException(InpaintException.Reason.CANCELLED, "Fill cancelled; nothing was changed.", e);
            }
            canvas.add(composite(window, crop, w, remaining, hole, filled.pixels()));
            affected = affected == null ? window.region() : RegionPlanner.union(affected, window.region());
        }
        token.throwIfCancelled();
        listener.progress(total, total, "Done");
        return new InpaintResult(request.image(), canvas.patches(), affected, windows);
    }

    /**
     * The generator's prediction over a synthesis window: the window's pixels, with each of its
     * regions' hole pixels replaced by the model's fill of that region, run at the training scale.
     */
    private int[] guide(Rect win, BinaryMask hole, int[] crop, RegionCanvas canvas, int imageWidth, int imageHeight,
                        BinaryMask remaining, BinaryMask sketch) throws InpaintException {
        int[] guide = crop.clone();
        List<Rect> regions = RegionPlanner.plan(hole, settings.mergeDistance());
        for (Rect local : regions) {
            Rect region = new Rect(local.x() + win.x(), local.y() + win.y(), local.width(), local.height());
            Window model = WindowPlanner.crop(region, imageWidth, imageHeight, settings);
            int[] predicted = predict(model, canvas.cut(model.window()), remaining, sketch);
            Rect mw = model.window();
            for (int y = region.y(); y < region.bottom(); y++) {
                for (int x = region.x(); x < region.right(); x++) {
                    if (remaining.get(x, y) && win.contains(x, y)) {
                        guide[(y - win.y()) * win.width() + x - win.x()] = predicted[(y - mw.y()) * mw.width() + x - mw.x()];
                    }
                }
            }
        }
        return guide;
    }

    private BinaryMask validatedMask(InpaintRequest request) throws InpaintException {
        int w = request.image().getWidth();
        int h = request.image().getHeight();
        checkSize("mask", request.mask(), w, h);
        if (request.sketch() != null) {
            checkSize("sketch", request.sketch(), w, h);
        }
        BinaryMask mask = BinaryMask.of(request.mask());
        long holes = mask.count();
        if (holes == 0) {
            throw new InpaintException(InpaintException.Reason.EMPTY_MASK,
                    "The mask is empty: paint the area to remove (white in a mask file) and try again.");
        }
        if (holes == (long) w * h) {
            // Refused rather than filled: with no known pixel the model only hallucinates, and the
            // result would replace the whole photo.
            throw new InpaintException(InpaintException.Reason.ALL_HOLE,
                    "The mask covers the whole image: there is nothing left to fill from. "
                            + "Leave part of the photo unmasked.");
        }
        return mask;
    }

    private static void checkSize(String what, GrayRaster raster, int w, int h) throws InpaintException {
        if (raster.width() != w || raster.height() != h) {
            throw new InpaintException(InpaintException.Reason.SIZE_MISMATCH,
                    "The " + what + " is " + raster.width() + "x" + raster.height() + " but the image is "
                            + w + "x" + h + "; they must be the same size.");
        }
    }

    private List<Window> plan(Strategy strategy, BinaryMask mask, int w, int h) throws InpaintException {
        List<Window> windows = new ArrayList<>();
        switch (strategy) {
            case CROP -> {
                for (Rect region : RegionPlanner.plan(mask, settings.mergeDistance())) {
                    windows.add(WindowPlanner.crop(region, w, h, settings));
                }
            }
            case RESIZE -> windows.add(WindowPlanner.whole(bounds(mask), w, h, settings.maxModelSide()));
            case ORIGINAL -> {
                String refusal = settings.refuseOriginal("The image", w, h);
                if (refusal != null) {
                    throw new InpaintException(InpaintException.Reason.TOO_LARGE, refusal);
                }
                windows.add(WindowPlanner.whole(bounds(mask), w, h, Integer.MAX_VALUE));
            }
            default -> throw new IllegalStateException(strategy.toString());
        }
        return windows;
    }

    private static Rect bounds(BinaryMask mask) {
        return RegionPlanner.merge(RegionPlanner.components(mask), Integer.MAX_VALUE / 4).get(0);
    }

    /** Runs one window and lays its region's patch over the canvas; clears the filled pixels from {@code remaining}. */
    private void fillWindow(Window window, RegionCanvas canvas, BinaryMask remaining, BinaryMask sketch)
            throws InpaintException {
        Rect win = window.window();
        BinaryMask hole = remaining.crop(win.x(), win.y(), win.width(), win.height());
        int[] crop = canvas.cut(win);
        int[] predicted = predict(window, crop, remaining, sketch);
        canvas.add(composite(window, crop, remaining.width, remaining, hole, predicted));
    }

    /**
     * The model's prediction for every pixel of a window ({@code crop}: its current pixels), at its full
     * size, its hole pixels corrected to meet the photo around them (for {@code model} fills and
     * {@code hybrid} guides alike).
     */
    private int[] predict(Window window, int[] crop, BinaryMask remaining, BinaryMask sketch)
            throws InpaintException {
        Rect win = window.window();
        int ww = win.width();
        int wh = win.height();
        // Every not-yet-filled hole in the window is unknown to the model, including other regions'
        // holes; holes filled by earlier windows are ordinary context by now.
        BinaryMask hole = remaining.crop(win.x(), win.y(), ww, wh);
        BinaryMask stroke = sketch == null ? null : sketch.crop(win.x(), win.y(), ww, wh);

        int sw = window.scaledWidth();
        int sh = window.scaledHeight();
        int[] modelPixels = crop;
        BinaryMask modelHole = hole;
        BinaryMask modelStroke = stroke;
        if (window.scaled()) {
            modelPixels = Resampler.shrinkArea(crop, ww, wh, sw, sh);
            modelHole = Resampler.shrinkAny(hole, sw, sh);
            modelStroke = stroke == null ? null : Resampler.shrinkAny(stroke, sw, sh);
        }
        if (modelStroke != null) {
            // Strokes only guide the fill; outside the hole the photo itself is the guidance.
            for (int i = 0; i < modelStroke.bits.length; i++) {
                modelStroke.bits[i] &= modelHole.bits[i];
            }
        }
        int pw = Padding.padded(sw);
        int ph = Padding.padded(sh);
        BufferedImage padded = new BufferedImage(pw, ph, BufferedImage.TYPE_INT_ARGB);
        padded.setRGB(0, 0, pw, ph, Padding.pad(modelPixels, sw, sh, pw, ph), 0, pw);
        InpaintInput input = new InpaintInput(padded, Padding.pad(modelHole, pw, ph).toRaster(),
                modelStroke == null ? null : Padding.pad(modelStroke, pw, ph).toRaster());

        BufferedImage prediction = inpainter.inpaint(input);
        if (prediction.getWidth() != pw || prediction.getHeight() != ph) {
            throw new InpaintException(InpaintException.Reason.ENGINE_FAILED, "The model returned "
                    + prediction.getWidth() + "x" + prediction.getHeight() + " for a " + pw + "x" + ph + " input.");
        }
        int[] predicted = Padding.unpad(prediction.getRGB(0, 0, pw, ph, null, 0, pw), pw, sw, sh);
        if (window.scaled()) {
            predicted = Resampler.growBilinear(predicted, sw, sh, ww, wh);
        }
        return SeamBlend.meetPhoto(predicted, crop, hole.bits, ww, wh);
    }

    /**
     * The window's region with the fill in its hole pixels only (alpha stays the input's); {@code crop}
     * holds the window's current pixels. Clears those pixels from {@code remaining}.
     */
    private static Patch composite(Window window, int[] crop, int imageWidth, BinaryMask remaining, BinaryMask hole,
                                   int[] filled) {
        Rect win = window.window();
        Rect region = window.region();
        int[] out = new int[region.width() * region.height()];
        for (int y = region.y(); y < region.y() + region.height(); y++) {
            int oi = (y - region.y()) * region.width();
            for (int x = region.x(); x < region.x() + region.width(); x++, oi++) {
                int li = (y - win.y()) * win.width() + (x - win.x());
                if (hole.bits[li] == 0) {
                    out[oi] = crop[li];
                    continue;
                }
                out[oi] = (crop[li] & 0xFF000000) | (filled[li] & 0x00FFFFFF);
                remaining.bits[y * imageWidth + x] = 0;
            }
        }
        return new Patch(region, out);
    }

}
