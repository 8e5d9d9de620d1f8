package org.repaintstudio.core.sampler;

import org.repaintstudio.core.schedule.StepKind;
import org.repaintstudio.core.schedule.TimestepSchedule;

/**
 * The bookkeeping around the RePaint loop, kept out of it: elapsed time, the remaining-time
 * estimate, progress events and the preview cadence. The estimate uses this run's own measured
 * cost of a denoising entry (a UNet call at this batch, plus the step) and of an undo entry,
 * times the entries of each kind still to come, so it follows the machine's actual speed.
 */
final class RunReporter {
    private final PipelineListener listener;
    private final TimestepSchedule schedule;
    private final Shape shape;
    private final int previewEvery;
    private final int denoiseTotal;
    private final int undoTotal;
    private long start;
    private long mark;
    private long denoiseNanos;
    private long undoNanos;
    private int denoiseDone;
    private int undoDone;

    RunReporter(PipelineListener listener, TimestepSchedule schedule, Shape shape, int previewEvery) {
        this.listener = listener;
        this.schedule = schedule;
        this.shape = shape;
        this.previewEvery = previewEvery;
        this.denoiseTotal = schedule.denoiseCount();
        this.undoTotal = schedule.undoCount();
    }

    /** The clock starts before x_T is drawn. */
    void start() {
        start = System.nanoTime();
        mark = start;
    }

    void started() {
        listener.started(schedule, shape);
    }

    /** After a denoising entry: previews at the cadence (and after the last call), then progress. */
    void denoised(int entry, int modelTimestep, float[] x0) {
        denoiseDone++;
        if (previewEvery > 0 && (denoiseDone % previewEvery == 0 || denoiseDone == denoiseTotal)) {
            sendPreviews(entry, x0, false);
        }
        long now = System.nanoTime();
        denoiseNanos += now - mark;
        mark = now;
        progressed(entry, modelTimestep, StepKind.DENOISE, now);
    }

    void undone(int entry) {
        undoDone++;
        long now = System.nanoTime();
        undoNanos += now - mark;
        mark = now;
        progressed(entry, -1, StepKind.UNDO, now);
    }

    /** The finished samples, known pixels pasted back, as final previews. */
    void finished(float[] x) {
        sendPreviews(schedule.size() - 1, x, true);
    }

    int modelCalls() {
        return denoiseDone;
    }

    long totalNanos() {
        return System.nanoTime() - start;
    }

    private void progressed(int entry, int modelTimestep, StepKind kind, long now) {
        long eta = estimate(denoiseNanos, denoiseDone, denoiseTotal) + estimate(undoNanos, undoDone, undoTotal);
        listener.progressed(new PipelineListener.Progress(entry, schedule.size(), schedule.value(entry), modelTimestep,
                kind, denoiseDone, denoiseTotal, now - start, eta));
    }

    private static long estimate(long spent, int done, int total) {
        return done == 0 ? 0 : (long) ((double) spent / done * (total - done));
    }

    private void sendPreviews(int entry, float[] x0, boolean isFinal) {
        int per = shape.sampleSize();
        for (int n = 0; n < shape.batch(); n++) {
            float[] copy = new float[per];
            System.arraycopy(x0, n * per, copy, 0, per);
            listener.preview(new PipelineListener.Preview(entry, denoiseDone, n, shape.height(), shape.width(), copy,
                    isFinal));
        }
    }
}
