package io.gatefill.engine;

/** A model that could not be loaded, with a user-facing message naming the file and the problem. */
public final class ModelLoadException extends Exception {
    private final ModelProblem problem;

    public ModelLoadException(ModelProblem problem, String message) {
        this(problem, message, null);
    }

    public ModelLoadException(ModelProblem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    public ModelProblem problem() {
        return problem;
    }
}
