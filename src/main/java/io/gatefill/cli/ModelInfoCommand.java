package io.gatefill.cli;

import io.gatefill.core.pipeline.FillEngine;
import io.gatefill.engine.EngineDescription;
import io.gatefill.engine.ModelCard;
import io.gatefill.engine.ModelFiles;
import io.gatefill.engine.ModelLoadException;
import io.gatefill.engine.InpaintEngine;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gatefill model-info}: the model card, the checksum status and the device inference would use. */
@Command(name = "model-info", mixinStandardHelpOptions = true,
        description = "Show the model card, verify the model's checksum and report the inference device.",
        footer = {"", "Exit codes: 0 ok, 7 model invalid (missing, corrupt, checksum mismatch, unsupported), 8 GPU unavailable."})
public final class ModelInfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    EngineArgs engineArgs;

    @Override
    public Integer call() {
        return CommandCall.run(spec, (out, err) -> {
            ModelFiles files = engineArgs.files();
            out.println("model:     " + files.model());
            out.println("card:      " + files.card());
            ModelCard card;
            try {
                card = files.verify();
            } catch (ModelLoadException e) {
                out.println("checksum:  NOT VERIFIED (" + e.problem() + ")");
                throw new CommandFailure(ExitCodes.MODEL_INVALID, e.getMessage());
            }
            out.println("checksum:  OK (sha256 " + card.sha256() + ")");
            print(out, card);
            out.flush();
            try (InpaintEngine engine = engineArgs.load(files, new PrintStream(System.err, true))) {
                EngineDescription d = engine.describe();
                out.println("device:    " + d.device());
                out.println("threads:   " + d.threads());
            }
            out.println("engine:    " + FillEngine.DEFAULT.id() + " by default (--engine model|patch|hybrid; patch needs no model)");
            return ExitCodes.OK;
        });
    }

    static void print(PrintWriter out, ModelCard card) {
        out.println("name:      " + card.name());
        out.println("contract:  " + card.contractVersion());
        out.println("arch:      " + card.architecture());
        out.println("conv type: " + card.convType() + ", base width (cnum) " + card.cnum()
                + ", sketch input " + (card.sketch() ? "yes" : "no"));
        out.println("trained:   resolution " + (card.trainResolution() == null ? "not stated" : card.trainResolution())
                + ", images seen " + card.imagesSeen());
        out.println("data:      " + (card.dataSources().isEmpty() ? "(none listed)" : String.join("; ", card.dataSources())));
        out.println("licence:   " + card.licence());
        out.println("evaluation: " + (card.evaluation() == null ? "(none)" : card.evaluation()));
    }
}
