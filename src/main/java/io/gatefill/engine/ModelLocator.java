package io.gatefill.engine;

import java.nio.file.Path;

/**
 * The one rule for where the model comes from, for the editor, its batch window and every command:
 * the file named explicitly ({@code --model}), else the system property {@value #PROPERTY}, else the
 * bundled default of {@link ModelFiles#locateDefault()}.
 */
public final class ModelLocator {
    /** System property naming a model file; without it the bundled default in models/ is used. */
    public static final String PROPERTY = "gatefill.model";

    private ModelLocator() {
    }

    /** The model files for {@code explicit} (null: not given), by the rule above; fails when none is found. */
    public static ModelFiles locate(Path explicit) throws ModelLoadException {
        if (explicit != null) {
            return ModelFiles.of(explicit);
        }
        String named = System.getProperty(PROPERTY);
        return named == null || named.isBlank() ? ModelFiles.locateDefault() : ModelFiles.of(Path.of(named.trim()));
    }

    /**
     * As {@link #locate}, but null instead of a failure: the patch engine runs without a model, yet must
     * never write over one that is there.
     */
    public static ModelFiles locateIfAny(Path explicit) {
        try {
            return locate(explicit);
        } catch (ModelLoadException e) {
            return null;
        }
    }
}
