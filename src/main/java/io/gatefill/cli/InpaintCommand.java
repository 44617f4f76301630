package io.gatefill.cli;

import io.gatefill.core.concurrent.BackgroundLoad;
import io.gatefill.core.io.ImageFileException;
import io.gatefill.core.io.ImageFiles;
import io.gatefill.core.io.ImageTooLargeException;
import io.gatefill.core.io.NotEnoughMemoryException;
import io.gatefill.core.io.LoadedImage;
import io.gatefill.core.io.OutputRefusedException;
import io.gatefill.core.io.SaveOptions;
import io.gatefill.core.io.WriteGuard;
import io.gatefill.core.pipeline.FillEngine;
import io.gatefill.core.pipeline.InpaintException;
import io.gatefill.core.pipeline.InpaintPipeline;
import io.gatefill.core.pipeline.InpaintRequest;
import io.gatefill.core.pipeline.InpaintResult;
import io.gatefill.core.pipeline.InputPolicy;
import io.gatefill.core.pipeline.ProgressListener;
import io.gatefill.core.pipeline.Strategy;
import io.gatefill.core.raster.GrayRaster;
import io.gatefill.engine.ModelFiles;
import io.gatefill.engine.InpaintEngine;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gatefill inpaint}: fills one image's masked area and writes the result atomically. */
@Command(name = "inpaint", mixinStandardHelpOptions = true,
        description = "Remove the masked area of one image (mask: white = hole).",
        footer = {"", "Exit codes:", "  0 ok, 1 internal error, 2 usage, 3 unreadable input,",
                "  4 mask/sketch size differs from the image, 5 empty mask, 6 mask covers the whole image,",
                "  7 model invalid, 8 GPU unavailable, 9 output exists or is an input or the model,",
                "  10 write failed, 11 image too large or out of memory, 12 inference failed."})
public final class InpaintCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--image", required = true, paramLabel = "IMG", description = "Photo to edit.")
    Path image;

    @Option(names = "--mask", required = true, paramLabel = "MASK",
            description = "Mask of the same size: white (>= 128) = remove.")
    Path mask;

    @Option(names = "--sketch", paramLabel = "SKETCH",
            description = "Optional guidance strokes of the same size: white = stroke (used inside the hole only).")
    Path sketch;

    @Option(names = "--out", required = true, paramLabel = "OUT", description = "Result file; format from its extension.")
    Path out;

    @Option(names = "--strategy", paramLabel = "crop|resize|original", defaultValue = "crop",
            description = "crop: a window around each masked area (default); resize: the whole image scaled "
                    + "down to 512 px; original: the whole image at full size (small images only).")
    String strategy;

    @Option(names = "--overwrite", description = "Replace OUT if it exists (never an input file).")
    boolean overwrite;

    @Option(names = "--verbose", description = "Print where the time went: start, load, decode, fill, encode, each with the "
                    + "processor time of the whole process in it.")
    boolean verbose;

    @Mixin
    EngineArgs engineArgs;

    @Mixin
    FillArgs fillArgs;

    @Override
    public Integer call() {
        return CommandCall.run(spec, (outWriter, err) -> {
            run(outWriter);
            return ExitCodes.OK;
        });
    }

    private void run(PrintWriter log) throws CommandFailure {
        Timings timings = new Timings();
        Strategy chosen = parseStrategy(strategy);
        FillEngine fillEngine = fillArgs.engine();
        // Usage errors (--threads, --device, OUT's extension) come before any file is looked at.
        engineArgs.options();
        saveOptions(out);
        ModelFiles files = engineArgs.filesFor(fillEngine);
        checkOutput(files);
        timings.mark("start");
        // The model loads while the files decode: the two take about as long (24 MP PNG: 0.6 s and
        // 0.75 s alone, 1.17 s together instead of 1.39 s one after the other).
        try (BackgroundLoad<InpaintEngine, CommandFailure> load = BackgroundLoad.start("gatefill-model-load",
                () -> engineArgs.loadFor(fillEngine, files), InpaintEngine::close)) {
            Inputs inputs = decode(log, chosen, fillEngine);
            timings.mark("decode");
            InpaintEngine engine = load.get();
            timings.mark("load");
            if (load.loadMs() >= 0 && engine != null) {
                timings.background("load", load.loadMs());
            }
            InpaintResult result = fill(log, inputs.request(), fillEngine, engine);
            timings.mark("fill");
            write(result, inputs.photo());
            timings.mark("encode");
        }
        log.println("Wrote " + out);
        if (verbose) {
            log.println(timings.line());
        }
    }

    /** The decoded photo (its metadata goes to the output) and the request made of it. */
    private record Inputs(LoadedImage photo, InpaintRequest request) {
    }

    /** The photo, mask and sketch as a request, checked (bad masks are refused here, not after the fill). */
    private Inputs decode(PrintWriter log, Strategy chosen, FillEngine fillEngine) throws CommandFailure {
        LoadedImage loaded = loadImage(chosen);
        if (loaded.precisionNote() != null) {
            log.println("Note: " + image.getFileName() + ": " + loaded.precisionNote() + ".");
        }
        int w = loaded.image().getWidth();
        int h = loaded.image().getHeight();
        GrayRaster holes = readRaster("mask", mask, w, h);
        GrayRaster strokes = sketch == null ? null : readRaster("sketch", sketch, w, h);
        InpaintRequest request = new InpaintRequest(loaded.image(), holes, strokes, chosen, fillEngine, fillArgs.seed);
        try {
            InpaintPipeline.withoutModel().check(request);
        } catch (InpaintException e) {
            throw failure(e);
        }
        return new Inputs(loaded, request);
    }

    private InpaintResult fill(PrintWriter log, InpaintRequest request, FillEngine fillEngine, InpaintEngine engine)
            throws CommandFailure {
        long start = System.nanoTime();
        ProgressListener progress = new ProgressListener() {
            private String last;

            @Override
            public void progress(int done, int total, String message) {
                if (done < total && !message.equals(last)) {
                    last = message;
                    log.println(message);
                    log.flush();
                }
            }
        };
        try {
            InpaintResult result = EngineArgs.pipeline(engine).run(request, progress, null);
            logFilled(log, fillEngine, result, engine == null ? "the CPU" : engine.describe().device(), start);
            return result;
        } catch (InpaintException e) {
            throw failure(e);
        }
    }

    private void write(InpaintResult result, LoadedImage loaded) throws CommandFailure {
        try {
            ImageFiles.save(result.result(), out, saveOptions(out).withOverwrite(overwrite), loaded.metadata());
        } catch (OutputRefusedException e) {
            throw new CommandFailure(ExitCodes.OUTPUT_REFUSED, e.getMessage());
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.WRITE_FAILED, "Could not write " + out + ": " + e.getMessage());
        }
    }

    private static void logFilled(PrintWriter log, FillEngine engine, InpaintResult result, String device, long start) {
        log.printf(Locale.ROOT, "Filled %d region(s) with the %s engine on %s in %.2f s; changed area %s%n",
                result.windows().size(), engine.id(), device, (System.nanoTime() - start) / 1e9, result.affected());
    }

    static Strategy parseStrategy(String text) throws CommandFailure {
        try {
            return Strategy.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.USAGE, "--strategy must be crop, resize or original, not '" + text + "'.");
        }
    }

    /** The output format follows OUT's extension, so a user never gets PNG bytes in a .jpg file. */
    static SaveOptions saveOptions(Path file) throws CommandFailure {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            return SaveOptions.png();
        }
        if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            return new SaveOptions(SaveOptions.Format.JPEG, 0.95f, false);
        }
        throw new CommandFailure(ExitCodes.USAGE, "--out must end in .png, .jpg or .jpeg: " + file);
    }

    private void checkOutput(ModelFiles files) throws CommandFailure {
        WriteGuard guard = new WriteGuard().protect("the photo", image).protect("the mask", mask)
                .protect("the sketch", sketch);
        if (files != null) {
            files.protectIn(guard);
        }
        try {
            guard.check(out);
        } catch (OutputRefusedException e) {
            throw new CommandFailure(ExitCodes.OUTPUT_REFUSED, e.getMessage());
        }
        if (Files.exists(out, LinkOption.NOFOLLOW_LINKS) && !overwrite) {
            throw new CommandFailure(ExitCodes.OUTPUT_REFUSED,
                    "The output " + out + " already exists; pass --overwrite to replace it.");
        }
    }

    private LoadedImage loadImage(Strategy chosen) throws CommandFailure {
        try {
            return InputPolicy.photo(image, chosen, InputPolicy.MAX_PIXELS);
        } catch (ImageFileException e) {
            throw new CommandFailure(inputCode(e), "Cannot read the image: " + e.getMessage());
        } catch (InpaintException e) {
            throw failure(e);
        }
    }

    /** Too large and out of memory are exit 11; anything else about an input file is exit 3. */
    private static int inputCode(ImageFileException e) {
        Throwable reader = e.getCause() instanceof ImageFileException cause ? cause : e;
        return reader instanceof ImageTooLargeException || reader instanceof NotEnoughMemoryException
                ? ExitCodes.TOO_LARGE : ExitCodes.INPUT_UNREADABLE;
    }

    /** A mask or sketch by the policy's EXACT rule: a file the user paired with this photo must match it. */
    private static GrayRaster readRaster(String what, Path file, int w, int h) throws CommandFailure {
        try {
            return InputPolicy.raster(what, file, w, h, InputPolicy.SizeRule.EXACT, null);
        } catch (ImageFileException e) {
            throw new CommandFailure(inputCode(e), e.getMessage());
        } catch (InpaintException e) {
            throw failure(e);
        }
    }

    static CommandFailure failure(InpaintException e) {
        int code = switch (e.reason()) {
            case EMPTY_MASK -> ExitCodes.EMPTY_MASK;
            case ALL_HOLE -> ExitCodes.ALL_HOLE;
            case SIZE_MISMATCH -> ExitCodes.SIZE_MISMATCH;
            case TOO_LARGE -> ExitCodes.TOO_LARGE;
            case ENGINE_FAILED, CANCELLED -> ExitCodes.INFERENCE_FAILED;
        };
        return new CommandFailure(code, e.getMessage());
    }
}
