package org.repaintstudio.app.task;

import java.util.function.Consumer;

import org.repaintstudio.core.task.CancelToken;

/** Runs each task to the end on the calling thread; for unit tests of view-models. */
public final class CurrentThreadTaskExecutor implements TaskExecutor {
    private final Consumer<Throwable> unhandled;

    public CurrentThreadTaskExecutor() {
        this(e -> {
            throw new AssertionError("unhandled task failure", e);
        });
    }

    public CurrentThreadTaskExecutor(Consumer<Throwable> unhandled) {
        this.unhandled = unhandled;
    }

    @Override
    public <V> TaskHandle execute(BackgroundTask<V> task) {
        CancelToken token = new CancelToken();
        TaskContext context = new TaskContext() {
            @Override
            public void updateProgress(double done, double total) {
                task.setProgress(total <= 0 ? -1 : done / total);
            }

            @Override
            public void updateMessage(String message) {
                task.setMessage(message);
            }

            @Override
            public CancelToken cancellation() {
                return token;
            }
        };
        task.fireRunning();
        V value;
        try {
            value = task.call(context);
        } catch (Throwable e) {
            task.fireFailed(e, unhandled);
            return done(token);
        }
        task.fireSucceeded(value);
        return done(token);
    }

    private static TaskHandle done(CancelToken token) {
        return new TaskHandle() {
            @Override
            public void cancel() {
                token.cancel();
            }

            @Override
            public boolean isDone() {
                return true;
            }
        };
    }

    @Override
    public void runOnUiThread(Runnable action) {
        action.run();
    }

    @Override
    public void close() {}
}
