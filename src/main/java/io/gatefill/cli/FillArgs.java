package io.gatefill.cli;

import io.gatefill.core.pipeline.FillEngine;
import picocli.CommandLine.Option;

/** Options shared by the commands that fill: which engine, which synthesis seed. */
final class FillArgs {
    @Option(names = "--engine", paramLabel = "model|patch|hybrid",
            description = "hybrid (default): the model's prediction guides a full-resolution patch synthesis "
                    + "from the photo itself; patch: the synthesis alone (needs no model); model: the model alone.")
    String engine;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "Seed of the patch synthesis: the same seed gives the same fill (default: ${DEFAULT-VALUE}).")
    long seed;

    FillEngine engine() throws CommandFailure {
        if (engine == null) {
            return FillEngine.DEFAULT;
        }
        try {
            return FillEngine.parse(engine);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.USAGE, "--engine must be model, patch or hybrid, not '" + engine + "'.");
        }
    }
}
