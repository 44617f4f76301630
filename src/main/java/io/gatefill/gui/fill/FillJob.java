package io.gatefill.gui.fill;

import io.gatefill.core.document.Document;
import io.gatefill.core.pipeline.CancellationToken;
import io.gatefill.core.pipeline.FillEngine;
import io.gatefill.core.pipeline.InpaintException;
import io.gatefill.core.pipeline.InpaintPipeline;
import io.gatefill.core.pipeline.InpaintRequest;
import io.gatefill.core.pipeline.InpaintResult;
import io.gatefill.core.pipeline.Inpainter;
import io.gatefill.core.pipeline.ProgressListener;
import io.gatefill.core.pipeline.Strategy;
import io.gatefill.core.pipeline.Window;
import io.gatefill.core.raster.GrayRaster;
import io.gatefill.engine.GateMaps;
import io.gatefill.engine.ModelLoadException;
import io.gatefill.engine.ModelSession;
import java.util.ArrayList;
import java.util.List;

/**
 * One fill or gate preview as background work: the request copied from the document on the UI
 * thread, then (on Fill's worker) the shared {@link InpaintPipeline} with the chosen engine, the
 * model's gate maps collected per window when asked.
 */
final class FillJob {
    /** What a background model run hands back to the UI thread; {@code gates} is null when none were asked for. */
    record Outcome(InpaintResult result, List<GateWindow> gates) {
    }

    /** The loaded model, loading it on first use (on the worker thread). */
    interface Sessions {
        ModelSession session(CancellationToken cancel) throws ModelLoadException;
    }

    private FillJob() {
    }

    static InpaintRequest request(Document doc, FillEngine fillEngine, long fillSeed) {
        // Mask and sketch are copied on the UI thread: the worker never reads rasters the user may be painting
        // into. The photo is read in place, window by window: it changes only by history steps on this
        // thread, and a fill whose document changed meanwhile is discarded.
        GrayRaster sketch = doc.sketch().isEmpty() ? null : doc.sketch().copy();
        return new InpaintRequest(doc.image(), doc.mask().copy(), sketch, Strategy.CROP, fillEngine, fillSeed);
    }

    /** Runs on the worker: {@code gatesOnly} is the gate preview, which needs no prediction. */
    static Outcome run(InpaintRequest request, boolean withGates, boolean gatesOnly, Sessions sessions,
                       ProgressListener regions, CancellationToken cancel) throws Exception {
        if (!request.engine().needsModel()) {
            // Patch synthesis only: no model to load, so this works when the model is missing.
            InpaintPipeline pipeline = InpaintPipeline.withoutModel();
            return new Outcome(pipeline.run(request, regions, cancel), null);
        }
        ModelSession model = sessions.session(cancel);
        cancel.throwIfCancelled();
        if (withGates && model.gates() == null && gatesOnly) {
            throw new InpaintException(InpaintException.Reason.ENGINE_FAILED,
                    "This model has no gate view: " + model.gateProblem());
        }
        List<GateMaps> maps = new ArrayList<>();
        boolean gates = withGates && model.gates() != null;
        Inpainter inpainter = input -> {
            if (gates) {
                maps.add(model.gates().gates(input));
            }
            // A gate preview needs no prediction: the pipeline's result is thrown away.
            return gatesOnly ? input.image() : model.engine().inpaint(input);
        };
        InpaintPipeline pipeline = new InpaintPipeline(inpainter, model.pipelineSettings());
        InpaintResult result = pipeline.run(request, regions, cancel);
        List<GateWindow> placed = new ArrayList<>();
        for (int i = 0; i < maps.size() && i < result.windows().size(); i++) {
            Window w = result.windows().get(i);
            placed.add(new GateWindow(w.window(), w.scaledWidth(), w.scaledHeight(), maps.get(i)));
        }
        return new Outcome(result, gates ? placed : null);
    }
}
