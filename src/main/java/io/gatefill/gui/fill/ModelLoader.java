package io.gatefill.gui.fill;

import io.gatefill.engine.EngineLoadListener;
import io.gatefill.engine.EngineOptions;
import io.gatefill.engine.ModelCard;
import io.gatefill.engine.ModelFiles;
import io.gatefill.engine.ModelLoadException;
import io.gatefill.engine.djl.DjlGateMapper;
import io.gatefill.engine.djl.DjlInpaintEngine;
import java.nio.file.Path;

/**
 * Finds and loads the model for the Fill feature; an interface so tests can wrap the real engine
 * (e.g. to cancel in the middle of a fill) while still running real inference.
 */
public interface ModelLoader {
    /** System property naming a model file; without it the bundled default in models/ is used. */
    String MODEL_PROPERTY = "gatefill.model";

    /** Where the model is and that its card and checksum hold, without loading libtorch (cheap). */
    ModelCard check() throws ModelLoadException;

    /** Loads engine and gate view; blocks for seconds (first start: unpacks libtorch). */
    ModelSession load(EngineLoadListener listener) throws ModelLoadException;

    /** The DJL engine on {@code -Dgatefill.model=FILE}, else the default model of {@link ModelFiles#locateDefault()}. */
    static ModelLoader djl() {
        return djl(null, EngineOptions.defaults());
    }

    /** The DJL engine on {@code model} (null: the property, then the default location). */
    static ModelLoader djl(Path model, EngineOptions options) {
        return new ModelLoader() {
            private ModelFiles files() throws ModelLoadException {
                if (model != null) {
                    return ModelFiles.of(model);
                }
                String named = System.getProperty(MODEL_PROPERTY);
                return named == null || named.isBlank() ? ModelFiles.locateDefault() : ModelFiles.of(Path.of(named));
            }

            @Override
            public ModelCard check() throws ModelLoadException {
                return files().verify();
            }

            @Override
            public ModelSession load(EngineLoadListener listener) throws ModelLoadException {
                ModelFiles files = files();
                DjlInpaintEngine engine = DjlInpaintEngine.load(files, options, listener);
                try {
                    return new ModelSession(engine, DjlGateMapper.load(files, engine.card()), null);
                } catch (ModelLoadException e) {
                    // Filling works without the gate view: keep the engine and say why the view is off.
                    return new ModelSession(engine, null, e.getMessage());
                }
            }
        };
    }
}
