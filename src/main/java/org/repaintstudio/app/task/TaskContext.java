package org.repaintstudio.app.task;

import org.repaintstudio.core.sampler.CancellationToken;

/** What background work can see of its task: progress reporting and cancellation. */
public interface TaskContext {
    void updateProgress(double done, double total);

    void updateMessage(String message);

    CancellationToken cancellation();

    default boolean isCancelled() {
        return cancellation().isCancelled();
    }
}
