package io.gatefill.cli;

import io.gatefill.app.Assembly;
import io.gatefill.core.pipeline.FillEngine;
import io.gatefill.core.pipeline.InpaintPipeline;
import io.gatefill.engine.DeviceChoice;
import io.gatefill.engine.EngineFactory;
import io.gatefill.engine.EngineLoadListener;
import io.gatefill.engine.EngineOptions;
import io.gatefill.engine.ModelFiles;
import io.gatefill.engine.ModelLoadException;
import io.gatefill.engine.ModelLocator;
import io.gatefill.engine.ModelProblem;
import io.gatefill.engine.InpaintEngine;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Options shared by the commands that load a model: which file, which device, how many threads; and
 * the one place the command line gets its engines from (the program's {@link Assembly}).
 */
final class EngineArgs {
    @Option(names = "--model", paramLabel = "FILE",
            description = "TorchScript generator (its card FILE.json beside it). Default: -Dgatefill.model, else "
                    + "models/gatefill.pt (or the only *.pt) beside the jar, above it, or in the working directory.")
    Path model;

    @Option(names = "--device", paramLabel = "auto|cpu|gpu", defaultValue = "auto",
            description = "Where to run the model (default: ${DEFAULT-VALUE}; gpu fails when none is usable).")
    String device;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Intra-op threads for inference, 0-256 (default: 0 = one per core).")
    int threads;

    /** The model by {@link ModelLocator}'s rule, the editor's: --model, else -Dgatefill.model, else the default. */
    ModelFiles files() throws CommandFailure {
        try {
            return ModelLocator.locate(model);
        } catch (ModelLoadException e) {
            throw new CommandFailure(ExitCodes.MODEL_INVALID, e.getMessage());
        }
    }

    /**
     * The model files for a fill with {@code engine}: required (a missing model fails) when the engine
     * needs the model; otherwise those that can be found, else null, since the patch engine runs
     * without a model but must still never write over one that is there.
     */
    ModelFiles filesFor(FillEngine engine) throws CommandFailure {
        return engine.needsModel() ? files() : ModelLocator.locateIfAny(model);
    }

    /** The program's engine factory: commands never name the inference library. */
    EngineFactory factory() {
        return Assembly.engines();
    }

    EngineOptions options() throws CommandFailure {
        DeviceChoice choice;
        try {
            choice = DeviceChoice.parse(device);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.USAGE, "--device must be auto, cpu or gpu, not '" + device + "'.");
        }
        if (threads < 0 || threads > EngineOptions.MAX_THREADS) {
            throw new CommandFailure(ExitCodes.USAGE, EngineOptions.threadRangeMessage("--threads", 0,
                    EngineOptions.MAX_THREADS, threads) + " 0 = one per core.");
        }
        return new EngineOptions(choice, threads, false);
    }

    /** The engine a fill with {@code engine} needs, its load phases on stderr; null when it needs none. */
    InpaintEngine loadFor(FillEngine engine, ModelFiles files) throws CommandFailure {
        return engine.needsModel() ? load(files, new PrintStream(System.err, true)) : null;
    }

    /** The pipeline on {@code engine}, or the one without a model when there is none (the patch engine). */
    static InpaintPipeline pipeline(InpaintEngine engine) {
        return engine == null ? InpaintPipeline.withoutModel() : engine.pipeline();
    }

    InpaintEngine load(ModelFiles files, PrintStream log) throws CommandFailure {
        // DJL's INFO/WARN lines (CUDA probing, cache extraction) mean nothing to a command-line user,
        // who gets our own phase lines instead; an explicit setting on the command line still wins.
        if (System.getProperty("org.slf4j.simpleLogger.log.ai.djl") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.ai.djl", "error");
        }
        EngineLoadListener listener = new EngineLoadListener() {
            private String last;

            @Override
            public void phase(String phase, double fraction) {
                if (!phase.equals(last)) {
                    last = phase;
                    if (!READY.equals(phase)) {
                        log.println(phase + " ...");
                    }
                }
            }
        };
        try {
            return factory().load(files, options(), listener);
        } catch (ModelLoadException e) {
            throw new CommandFailure(e.problem() == ModelProblem.DEVICE_UNAVAILABLE
                    ? ExitCodes.DEVICE_UNAVAILABLE : ExitCodes.MODEL_INVALID, e.getMessage());
        }
    }
}
