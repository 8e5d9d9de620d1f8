package org.repaintstudio.core.task;

import java.util.concurrent.CancellationException;

/**
 * Cooperative cancellation shared between a UI and a worker thread. An interrupted worker
 * thread counts as cancelled too, so a JavaFX Task's cancel(true) works without this token.
 */
public final class CancelToken {
    private volatile boolean cancelled;
    private final java.util.List<Runnable> onCancel = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Cancels and runs the registered callbacks (e.g. closing a blocked network stream). */
    public void cancel() {
        cancelled = true;
        for (Runnable r : onCancel) {
            r.run();
        }
    }

    /**
     * Runs {@code action} on cancel (at once if already cancelled); close the returned handle when
     * the guarded operation is over.
     */
    public Registration onCancel(Runnable action) {
        onCancel.add(action);
        if (cancelled) {
            action.run();
        }
        return () -> onCancel.remove(action);
    }

    /** A callback registration; closing it never throws. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    public boolean isCancelled() {
        return cancelled || Thread.currentThread().isInterrupted();
    }

    /** Throws {@link CancellationException} once cancelled; long loops call this between steps. */
    public void throwIfCancelled() {
        if (isCancelled()) {
            throw new CancellationException("Cancelled.");
        }
    }

    /** A token that is never cancelled by anyone but thread interruption. */
    public static CancelToken none() {
        return new CancelToken();
    }
}
