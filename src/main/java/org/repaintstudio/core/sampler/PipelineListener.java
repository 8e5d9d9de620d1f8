package org.repaintstudio.core.sampler;

import org.repaintstudio.core.schedule.StepKind;
import org.repaintstudio.core.schedule.TimestepSchedule;

/**
 * What a RePaint run reports as it goes. Called on the thread running the pipeline; a UI must
 * hand the events to its own thread. Default methods do nothing.
 */
public interface PipelineListener {

    /** Before the first model call, with the whole schedule (e.g. to plot it). */
    default void started(TimestepSchedule schedule, Shape shape) {}

    /** After every schedule entry. */
    default void progressed(Progress progress) {}

    /** An x0 estimate of one sample, every k denoising steps and at the end. */
    default void preview(Preview preview) {}

    PipelineListener NONE = new PipelineListener() {};

    /**
     * @param entry        index of the entry just done, 0-based
     * @param entries      entries in the schedule
     * @param value        its timestep (diffusers mode) or respaced index (paper mode)
     * @param modelTimestep timestep the UNet saw, or -1 for an undo
     * @param kind         denoise or undo
     * @param denoiseDone  denoising steps (UNet calls) done so far
     * @param denoiseTotal UNet calls in the whole run
     * @param elapsedNanos time since the run started
     * @param etaNanos     estimated time to finish, from the measured cost of each kind of entry
     */
    record Progress(int entry, int entries, int value, int modelTimestep, StepKind kind, int denoiseDone,
                    int denoiseTotal, long elapsedNanos, long etaNanos) {
        public double fraction() {
            return entries == 0 ? 1 : (entry + 1) / (double) entries;
        }

        /** UNet calls per second so far. */
        public double callsPerSecond() {
            return elapsedNanos <= 0 ? 0 : denoiseDone / (elapsedNanos / 1e9);
        }
    }

    /**
     * @param x0     the sample's x0 estimate, CHW in [-1, 1] (a copy the receiver may keep)
     * @param isFinal true for the finished sample (x0 is then the result)
     */
    record Preview(int entry, int denoiseDone, int sample, int height, int width, float[] x0, boolean isFinal) {}
}
