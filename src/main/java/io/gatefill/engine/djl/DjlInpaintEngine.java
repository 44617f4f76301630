package io.gatefill.engine.djl;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.util.Utils;
import io.gatefill.engine.RawTensors;
import io.gatefill.OfflineGuard;
import io.gatefill.core.pipeline.InpaintException;
import io.gatefill.core.pipeline.InpaintInput;
import io.gatefill.engine.DeviceChoice;
import io.gatefill.engine.EngineDescription;
import io.gatefill.engine.EngineLoadListener;
import io.gatefill.engine.EngineOptions;
import io.gatefill.engine.InpaintEngine;
import io.gatefill.engine.ModelCard;
import io.gatefill.engine.ModelFiles;
import io.gatefill.engine.ModelLoadException;
import io.gatefill.engine.ModelProblem;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a TorchScript generator through DJL's PyTorch engine. The model, both Predictors and every
 * native call live on one dedicated inference thread, because a Predictor is not thread-safe and
 * libtorch's graph-executor setting is per thread; public methods may be called from any thread and
 * queue behind each other.
 */
public final class DjlInpaintEngine implements InpaintEngine {
    static final String ENGINE = "PyTorch";

    private final ExecutorService worker;
    private final ModelFiles files;
    private final ModelCard card;
    private final ZooModel<InpaintInput, BufferedImage> model;
    private final Predictor<InpaintInput, BufferedImage> predictor;
    private final Predictor<RawTensors, float[]> rawPredictor;
    private final String device;
    private volatile int threads;
    private volatile boolean closed;

    private DjlInpaintEngine(ExecutorService worker, ModelFiles files, ModelCard card,
                             ZooModel<InpaintInput, BufferedImage> model, String device, int threads) {
        this.worker = worker;
        this.files = files;
        this.card = card;
        this.model = model;
        this.predictor = model.newPredictor();
        this.rawPredictor = model.newPredictor(new RawTranslator());
        this.device = device;
        this.threads = threads;
    }

    /**
     * Verifies and loads a model. Blocks for the load (seconds; on the very first start also the unpacking
     * of libtorch, reported to {@code listener}); call it off the GUI thread.
     */
    public static DjlInpaintEngine load(ModelFiles files, EngineOptions options, EngineLoadListener listener)
            throws ModelLoadException {
        OfflineGuard.apply();
        EngineLoadListener progress = listener == null ? EngineLoadListener.NONE : listener;
        progress.phase(EngineLoadListener.VERIFYING, -1);
        ModelCard card = files.verify();
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "gatefill-inference");
            t.setDaemon(true);
            return t;
        });
        try {
            return call(worker, () -> open(worker, files, card, options, progress));
        } catch (ModelLoadException | RuntimeException e) {
            worker.shutdownNow();
            throw e;
        } catch (Exception e) {
            worker.shutdownNow();
            throw new ModelLoadException(ModelProblem.LOAD_FAILED, "Loading " + files.model() + " failed: " + e, e);
        }
    }

    private static DjlInpaintEngine open(ExecutorService worker, ModelFiles files, ModelCard card,
                                         EngineOptions options, EngineLoadListener progress)
            throws ModelLoadException {
        Engine engine;
        try (NativeUnpackWatcher watcher = NativeUnpackWatcher.startIfNeeded(Utils.getEngineCacheDir("pytorch"),
                progress)) {
            engine = Engine.getEngine(ENGINE);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new ModelLoadException(ModelProblem.LOAD_FAILED,
                    "The PyTorch native library could not be loaded: " + e.getMessage(), e);
        }
        Device target = pickDevice(engine, options.device());
        if (options.threads() > 0) {
            JniUtils.setNumThreads(options.threads());
        }
        // Per thread in libtorch: set here, on the thread that will run every forward pass.
        JniUtils.setGraphExecutorOptimize(options.graphOptimizer());
        progress.phase(EngineLoadListener.LOADING, -1);
        Criteria<InpaintInput, BufferedImage> criteria = Criteria.builder()
                .setTypes(InpaintInput.class, BufferedImage.class)
                .optModelPath(files.model())
                .optEngine(ENGINE)
                .optDevice(target)
                .optOption("mapLocation", "true")
                .optTranslator(new InpaintTranslator())
                .build();
        ZooModel<InpaintInput, BufferedImage> model;
        try {
            model = criteria.loadModel();
        } catch (MalformedModelException | ModelNotFoundException | IOException | RuntimeException e) {
            throw new ModelLoadException(ModelProblem.NOT_TORCHSCRIPT, "The model file " + files.model()
                    + " could not be loaded as TorchScript: " + firstLine(e), e);
        }
        DjlInpaintEngine loaded = new DjlInpaintEngine(worker, files, card, model, target.toString(),
                JniUtils.getNumThreads());
        progress.phase(EngineLoadListener.READY, 1);
        return loaded;
    }

    private static Device pickDevice(Engine engine, DeviceChoice choice) throws ModelLoadException {
        int gpus = engine.getGpuCount();
        return switch (choice) {
            case CPU -> Device.cpu();
            case AUTO -> gpus > 0 ? Device.gpu() : Device.cpu();
            case GPU -> {
                if (gpus == 0) {
                    throw new ModelLoadException(ModelProblem.DEVICE_UNAVAILABLE,
                            "A GPU was requested but none is usable (no CUDA device found, or this build carries"
                                    + " the CPU-only libtorch; build with -Pcuda). Use --device cpu or auto.");
                }
                yield Device.gpu();
            }
        };
    }

    @Override
    public BufferedImage inpaint(InpaintInput input) throws InpaintException {
        int w = input.image().getWidth();
        int h = input.image().getHeight();
        if (w % 8 != 0 || h % 8 != 0) {
            throw new IllegalArgumentException("The model needs sides that are multiples of 8, got " + w + "x" + h);
        }
        try {
            return call(worker, () -> predictor.predict(input));
        } catch (Exception e) {
            throw new InpaintException(InpaintException.Reason.ENGINE_FAILED, "Inference failed: " + firstLine(e), e);
        }
    }

    /** One bare forward pass on contract tensors (parity tests, benchmarks); returns [1,3,H,W] as floats. */
    @Override
    public float[] forward(RawTensors tensors) throws InpaintException {
        try {
            return call(worker, () -> rawPredictor.predict(tensors));
        } catch (Exception e) {
            throw new InpaintException(InpaintException.Reason.ENGINE_FAILED, "Inference failed: " + firstLine(e), e);
        }
    }

    /** Changes the intra-op thread count for later calls (libtorch's setting is process-wide). */
    @Override
    public void setThreads(int count) {
        if (count < 1 || count > EngineOptions.MAX_THREADS) {
            throw new IllegalArgumentException(EngineOptions.threadRangeMessage("threads", 1, EngineOptions.MAX_THREADS, count));
        }
        try {
            call(worker, () -> {
                JniUtils.setNumThreads(count);
                return null;
            });
            threads = count;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public EngineDescription describe() {
        return new EngineDescription(files.model(), card, device, threads, true);
    }

    @Override
    public ModelCard card() {
        return card;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            call(worker, () -> {
                rawPredictor.close();
                predictor.close();
                model.close();
                return null;
            });
        } catch (Exception e) {
            // Closing is best effort: the process is usually ending, and native memory goes with it.
        } finally {
            worker.shutdown();
        }
    }

    private static <T> T call(ExecutorService worker, Callable<T> task) throws Exception {
        Future<T> future = worker.submit(task);
        try {
            return future.get();
        } catch (InterruptedException e) {
            // The forward pass cannot be stopped; let it finish on the worker and give up waiting.
            Thread.currentThread().interrupt();
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.toString() : root.getMessage();
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
