package org.repaintstudio.core.schedule;

/** What one entry of a RePaint schedule does. */
public enum StepKind {
    /** Evaluate the UNet and step one level down (x_t to x_{t-1}). */
    DENOISE,
    /** Go back up in time by re-noising (x_{t-1} to x_t): RePaint's resampling. */
    UNDO
}
