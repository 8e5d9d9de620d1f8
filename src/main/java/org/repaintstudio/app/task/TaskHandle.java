package org.repaintstudio.app.task;

/** A submitted task: cancel asks the work to stop at its next check. */
public interface TaskHandle {
    void cancel();

    boolean isDone();
}
