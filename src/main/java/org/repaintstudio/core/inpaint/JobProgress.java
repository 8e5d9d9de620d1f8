package org.repaintstudio.core.inpaint;

/**
 * Where a whole job stands, over every pass: the coarse pass and each refinement level of each
 * sample. Sent after every entry of the coarse pass, and before and after every refinement call.
 *
 * @param stage        the pass and tile batch the call belongs to
 * @param entry        the entry of {@link JobPlan#wholeSchedule()} the call belongs to (the plot's cursor)
 * @param callsDone    UNet calls finished in the whole job
 * @param callsTotal   UNet calls of the whole job (the plan's {@link JobPlan#modelCalls()})
 * @param elapsedNanos time since the job started
 * @param etaNanos     estimated time to finish the job, from the measured cost of the work so far
 */
public record JobProgress(JobStage stage, int entry, int callsDone, int callsTotal, long elapsedNanos, long etaNanos) {
    public double fraction() {
        return callsTotal == 0 ? 1 : Math.min(1.0, callsDone / (double) callsTotal);
    }

    /** UNet calls per second so far. */
    public double callsPerSecond() {
        return elapsedNanos <= 0 ? 0 : callsDone / (elapsedNanos / 1e9);
    }
}
