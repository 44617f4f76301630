package io.gatefill.gui.task;

/** Runs each task and its callback at once on the calling thread: deterministic view-model tests. */
public final class CurrentThreadTaskExecutor implements TaskExecutor {
    @Override
    public <T> void execute(BackgroundTask<T> task) {
        T result;
        try {
            result = task.work().call();
        } catch (Exception e) {
            task.onFailure().accept(e);
            return;
        }
        task.onSuccess().accept(result);
    }

    @Override
    public void close() {
        // nothing to stop
    }
}
