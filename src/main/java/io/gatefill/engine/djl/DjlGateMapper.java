package io.gatefill.engine.djl;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatefill.engine.RawTensors;
import io.gatefill.OfflineGuard;
import io.gatefill.core.pipeline.InpaintException;
import io.gatefill.core.pipeline.InpaintInput;
import io.gatefill.engine.GateMaps;
import io.gatefill.engine.GateView;
import io.gatefill.engine.ModelCard;
import io.gatefill.engine.ModelFiles;
import io.gatefill.engine.ModelLoadException;
import io.gatefill.engine.ModelProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs the card's gate view ({@code <name>.gates.pt}: same inputs as the generator, output
 * [1,K,H,W] gate maps in (0,1)) so the editor can show what the network treats as valid, hole and
 * sketch. Loaded beside the generator, on its own single thread for the same reason as the engine:
 * a Predictor is not thread-safe.
 */
public final class DjlGateMapper implements GateView {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExecutorService worker;
    private final ZooModel<InpaintInput, float[]> model;
    private final Predictor<InpaintInput, float[]> predictor;
    private final Predictor<RawTensors, float[]> rawPredictor;
    private final List<String> layers;

    private DjlGateMapper(ExecutorService worker, ZooModel<InpaintInput, float[]> model, List<String> layers) {
        this.worker = worker;
        this.model = model;
        this.predictor = model.newPredictor();
        this.rawPredictor = model.newPredictor(new RawTranslator());
        this.layers = List.copyOf(layers);
    }

    /**
     * Loads the gate module the card names (its {@code gate_layers.file} beside the model) after checking
     * the card's {@code gate_layers.sha256}. Blocks for seconds: call it off the GUI thread.
     *
     * @throws ModelLoadException when the card has no gate layers, or the file is missing, altered or unloadable
     */
    public static DjlGateMapper load(ModelFiles files, ModelCard card) throws ModelLoadException {
        OfflineGuard.apply();
        JsonNode gates;
        try {
            gates = JSON.readTree(card.json()).path("gate_layers");
        } catch (Exception e) {
            throw new ModelLoadException(ModelProblem.BAD_CARD, "The model card cannot be re-read: " + e.getMessage(), e);
        }
        if (!gates.isObject() || !gates.path("layers").isArray() || gates.path("layers").isEmpty()) {
            throw new ModelLoadException(ModelProblem.BAD_CARD,
                    "The model card " + files.card().getFileName() + " lists no gate layers.");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode layer : gates.path("layers")) {
            String name = layer.path("name").asText("layer " + names.size());
            String resolution = layer.path("resolution").asText("");
            names.add(resolution.isEmpty() ? name : name + " (" + resolution + ")");
        }
        String stem = files.model().getFileName().toString().replaceFirst("\\.pt$", "");
        Path file = files.model().resolveSibling(gates.path("file").asText(stem + ".gates.pt"));
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException(ModelProblem.MISSING_MODEL, "Gate module not found: " + file);
        }
        String expected = gates.path("sha256").asText("");
        if (!expected.isEmpty() && !expected.equalsIgnoreCase(sha256(file))) {
            throw new ModelLoadException(ModelProblem.CHECKSUM_MISMATCH,
                    "Checksum mismatch: " + file + " does not match gate_layers.sha256 of its card.");
        }
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "gatefill-gates");
            t.setDaemon(true);
            return t;
        });
        try {
            return worker.submit(() -> {
                // Loads libtorch if the generator has not yet: JniUtils needs the native library.
                ai.djl.engine.Engine.getEngine("PyTorch");
                // Per thread in libtorch, as in the engine: every window has a new shape.
                JniUtils.setGraphExecutorOptimize(false);
                Criteria<InpaintInput, float[]> criteria = Criteria.builder()
                        .setTypes(InpaintInput.class, float[].class)
                        .optModelPath(file)
                        .optEngine("PyTorch")
                        .optDevice(Device.cpu())
                        .optOption("mapLocation", "true")
                        .optTranslator(new GateTranslator(names.size()))
                        .build();
                return new DjlGateMapper(worker, criteria.loadModel(), names);
            }).get();
        } catch (ExecutionException | InterruptedException | RuntimeException e) {
            worker.shutdownNow();
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new ModelLoadException(ModelProblem.NOT_TORCHSCRIPT,
                    "The gate module " + file.getFileName() + " could not be loaded: " + cause.getMessage(), cause);
        }
    }

    @Override
    public List<String> layers() {
        return layers;
    }

    @Override
    public GateMaps gates(InpaintInput input) throws InpaintException {
        int w = input.image().getWidth();
        int h = input.image().getHeight();
        float[] all;
        try {
            all = worker.submit(() -> predictor.predict(input)).get();
        } catch (ExecutionException e) {
            throw new InpaintException(InpaintException.Reason.ENGINE_FAILED,
                    "Gate maps failed: " + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InpaintException(InpaintException.Reason.CANCELLED, "Gate maps interrupted", e);
        }
        int plane = w * h;
        float[][] maps = new float[layers.size()][];
        for (int k = 0; k < maps.length; k++) {
            maps[k] = new float[plane];
            System.arraycopy(all, k * plane, maps[k], 0, plane);
        }
        return new GateMaps(layers, w, h, maps);
    }

    /** One bare forward pass on contract tensors (parity tests); returns [1,K,H,W] as floats. */
    public float[] forward(RawTensors tensors) throws InpaintException {
        try {
            return worker.submit(() -> rawPredictor.predict(tensors)).get();
        } catch (ExecutionException | InterruptedException e) {
            throw new InpaintException(InpaintException.Reason.ENGINE_FAILED, "Gate maps failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            worker.submit(() -> {
                rawPredictor.close();
                predictor.close();
                model.close();
            }).get();
        } catch (Exception e) {
            // best effort: the process is usually ending
        } finally {
            worker.shutdown();
        }
    }

    private static String sha256(Path file) throws ModelLoadException {
        try {
            return ModelFiles.sha256Hex(file);
        } catch (Exception e) {
            throw new ModelLoadException(ModelProblem.MISSING_MODEL, "Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Same input tensors as the generator's translator; output [1,K,H,W] flattened, K checked against the card. */
    private static final class GateTranslator implements Translator<InpaintInput, float[]> {
        private final InpaintTranslator inputs = new InpaintTranslator();
        private final int layers;

        GateTranslator(int layers) {
            this.layers = layers;
        }

        @Override
        public NDList processInput(TranslatorContext ctx, InpaintInput input) {
            return inputs.processInput(ctx, input);
        }

        @Override
        public float[] processOutput(TranslatorContext ctx, NDList list) {
            NDArray out = list.singletonOrThrow();
            long[] shape = out.getShape().getShape();
            if (shape.length != 4 || shape[0] != 1 || shape[1] != layers) {
                throw new IllegalStateException("The gate module returned " + out.getShape() + "; the card lists "
                        + layers + " layers.");
            }
            return out.toFloatArray();
        }

        @Override
        public Batchifier getBatchifier() {
            return null;
        }
    }
}
