package org.repaintstudio.core.task;

import java.util.concurrent.CancellationException;

/**
 * Cooperative cancellation shared between a UI and a worker thread. An interrupted worker
 * thread counts as cancelled too, so a JavaFX Task's cancel(true) works without this token.
 */
public final class CancelToken {
    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
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
