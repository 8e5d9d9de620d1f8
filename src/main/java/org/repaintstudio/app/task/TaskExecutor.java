package org.repaintstudio.app.task;

/**
 * Runs {@link BackgroundTask}s off the UI thread and delivers their callbacks on it. The real
 * implementation is {@link FxTaskExecutor}; tests use {@link CurrentThreadTaskExecutor}.
 */
public interface TaskExecutor extends AutoCloseable {
    <V> TaskHandle execute(BackgroundTask<V> task);

    /** Runs an action on the UI thread (later, unless this executor has no separate UI thread). */
    void runOnUiThread(Runnable action);

    @Override
    void close();
}
