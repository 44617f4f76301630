package io.gatefill.engine;

import io.gatefill.core.batch.BatchJob;
import io.gatefill.core.pipeline.InpaintException;
import io.gatefill.core.pipeline.InpaintPipeline;
import io.gatefill.core.pipeline.Inpainter;
import io.gatefill.core.pipeline.PipelineSettings;

/**
 * A loaded inpainting model ready to fill windows. Calls may come from any thread; implementations
 * serialise them onto their own inference thread. Close it to free native memory.
 */
public interface InpaintEngine extends Inpainter, AutoCloseable {
    /** The model card, the device and the checksum status, for the status bar and {@code model-info}. */
    EngineDescription describe();

    /** The model card (null only for engines without one, such as test stand-ins). */
    default ModelCard card() {
        return describe().card();
    }

    /** The pipeline settings the card implies: windows grown to the model's training scale. */
    default PipelineSettings pipelineSettings() {
        ModelCard card = card();
        return PipelineSettings.forTrainResolution(card == null ? null : card.trainResolution());
    }

    /** The shared fill pipeline on this engine, with {@link #pipelineSettings()}. */
    default InpaintPipeline pipeline() {
        return new InpaintPipeline(this, pipelineSettings());
    }

    /**
     * This engine as a batch run's model, named in the report by its file, card and device;
     * {@code release} ends the run's hold on it (closes an engine the run loaded).
     */
    default BatchJob.Model forBatch(Runnable release) {
        EngineDescription d = describe();
        ModelCard card = d.card();
        return new BatchJob.Model(pipeline(), d.modelFile() == null ? null : d.modelFile().toString(),
                card == null ? null : card.name(), card == null ? null : card.sha256(), d.device(), release);
    }

    /** One bare forward pass on contract tensors (parity tests, benchmarks); returns [1,3,H,W] as floats. */
    default float[] forward(RawTensors tensors) throws InpaintException {
        throw new UnsupportedOperationException("this engine has no bare forward pass");
    }

    /** Changes the intra-op thread count for later calls (benchmarks). */
    default void setThreads(int count) {
        throw new UnsupportedOperationException("this engine has a fixed thread count");
    }

    @Override
    void close();
}
