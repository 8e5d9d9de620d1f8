package org.repaintstudio.app.task;

import org.repaintstudio.core.task.CancelToken;

/** What background work can see of its task: progress reporting and cancellation. */
public interface TaskContext {
    void updateProgress(double done, double total);

    void updateMessage(String message);

    CancelToken cancellation();

    default boolean isCancelled() {
        return cancellation().isCancelled();
    }
}
