package org.repaintstudio.core.sampler;

/** Thrown out of a run that was cancelled on request; not an error. */
public final class CancelledException extends RuntimeException {
    public CancelledException() {
        super("Cancelled.");
    }
}
