package org.repaintstudio.app.task;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import javafx.application.Platform;
import javafx.concurrent.Task;

import org.repaintstudio.core.task.CancelToken;

/**
 * Runs tasks one after the other on a single daemon thread as {@link javafx.concurrent.Task}s;
 * callbacks arrive on the JavaFX application thread. Task coalesces progress updates itself.
 */
public final class FxTaskExecutor implements TaskExecutor {
    private final ExecutorService executor;
    private final Consumer<Throwable> unhandled;

    /**
     * @param threadName name of the worker thread, shown in logs and thread dumps
     * @param unhandled  receives failures of tasks that declare no onFailure handler (UI thread)
     */
    public FxTaskExecutor(String threadName, Consumer<Throwable> unhandled) {
        this.unhandled = unhandled;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            // Keep the UI thread ahead of the number crunching on a small machine.
            t.setPriority(Thread.NORM_PRIORITY - 1);
            return t;
        });
    }

    /** A javafx Task that is also the work's context. */
    private static final class WorkTask<V> extends Task<V> implements TaskContext {
        private final BackgroundTask<V> task;
        private final CancelToken token = new CancelToken();

        WorkTask(BackgroundTask<V> task) {
            this.task = task;
        }

        @Override
        protected V call() throws Exception {
            return task.call(this);
        }

        @Override
        public void updateProgress(double done, double total) {
            super.updateProgress(done, total);
        }

        @Override
        public void updateMessage(String message) {
            super.updateMessage(message);
        }

        @Override
        public CancelToken cancellation() {
            return token;
        }

        @Override
        public boolean isCancelled() {
            return token.isCancelled();
        }
    }

    @Override
    public <V> TaskHandle execute(BackgroundTask<V> task) {
        WorkTask<V> fxTask = new WorkTask<>(task);
        fxTask.progressProperty().addListener((obs, o, n) -> task.setProgress(n.doubleValue()));
        fxTask.messageProperty().addListener((obs, o, n) -> task.setMessage(n));
        fxTask.setOnRunning(e -> task.fireRunning());
        fxTask.setOnSucceeded(e -> task.fireSucceeded(fxTask.getValue()));
        fxTask.setOnFailed(e -> task.fireFailed(fxTask.getException(), unhandled));
        executor.execute(fxTask);
        return new TaskHandle() {
            @Override
            public void cancel() {
                // Only the token: the work stops at its next check and reports CancellationException,
                // so "finished" is never announced while the engine still runs.
                fxTask.token.cancel();
            }

            @Override
            public boolean isDone() {
                return fxTask.isDone();
            }
        };
    }

    @Override
    public void runOnUiThread(Runnable action) {
        Platform.runLater(action);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
