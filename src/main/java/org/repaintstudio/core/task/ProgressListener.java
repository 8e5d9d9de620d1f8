package org.repaintstudio.core.task;

/**
 * Receives progress of a long job (conversion, download). Called on the worker thread:
 * a UI must hop to its own thread (e.g. Platform.runLater) before touching widgets.
 */
@FunctionalInterface
public interface ProgressListener {
    /** Fraction in [0, 1], or a negative value when the total is unknown. */
    void progress(double fraction, String message);

    ProgressListener NONE = (fraction, message) -> { };
}
