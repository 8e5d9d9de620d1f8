package org.repaintstudio.app.task;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Hands the latest of many values from a worker thread to the UI thread with at most one pending
 * UI-thread action at a time: bursts collapse into one update and the UI never falls behind.
 */
public final class UiCoalescer<T> {
    private final TaskExecutor executor;
    private final Consumer<T> onUiThread;
    private final AtomicReference<T> latest = new AtomicReference<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    public UiCoalescer(TaskExecutor executor, Consumer<T> onUiThread) {
        this.executor = executor;
        this.onUiThread = onUiThread;
    }

    /** Any thread. */
    public void post(T value) {
        latest.set(value);
        if (scheduled.compareAndSet(false, true)) {
            executor.runOnUiThread(this::drain);
        }
    }

    private void drain() {
        scheduled.set(false);
        T value = latest.getAndSet(null);
        if (value != null) {
            onUiThread.accept(value);
        }
    }
}
