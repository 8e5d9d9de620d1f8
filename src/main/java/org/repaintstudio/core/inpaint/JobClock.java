package org.repaintstudio.core.inpaint;

import java.util.List;

import org.repaintstudio.core.sampler.PipelineListener.Progress;

/**
 * Counts a run's UNet calls over every pass and estimates the time left. The estimate counts
 * model-size images rather than calls, because a coarse call carries the samples and a refinement
 * call a batch of tiles: during the coarse pass it is the pipeline's own estimate (which knows the
 * cost of undo entries) plus the refinement's images at the coarse pass's cost per image; during
 * refinement, the images left at the refinement's measured cost per image.
 */
final class JobClock {
    private final int callsTotal;
    private final int coarseBatch;
    private final long refineImagesTotal;
    private final long start = System.nanoTime();
    private long refineStart;
    private int coarseCalls;
    private long coarseEta;
    private int refineCalls;
    private long refineImages;

    private JobClock(int callsTotal, int coarseBatch, long refineImagesTotal) {
        this.callsTotal = callsTotal;
        this.coarseBatch = coarseBatch;
        this.refineImagesTotal = refineImagesTotal;
    }

    /** The clock of a run of jobs that share the coarse pass (one job, or a batch of one sample each). */
    static JobClock of(List<JobPlan> plans) {
        JobPlan first = plans.get(0);
        int calls = first.coarseCalls();
        long images = 0;
        for (JobPlan p : plans) {
            calls += p.batch() * p.refine().totalCalls();
            images += p.batch() * p.refineImages();
        }
        return new JobClock(calls, plans.size() * first.batch(), images);
    }

    long elapsedNanos() {
        return System.nanoTime() - start;
    }

    int callsTotal() {
        return callsTotal;
    }

    JobProgress coarse(JobStage stage, Progress p) {
        coarseCalls = p.denoiseDone();
        coarseEta = p.etaNanos();
        long elapsed = System.nanoTime() - start;
        long images = (long) coarseCalls * coarseBatch;
        long eta = images == 0 ? 0 : coarseEta + (long) ((double) elapsed / images * refineImagesTotal);
        return new JobProgress(stage, p.entry(), coarseCalls, callsTotal, elapsed, eta);
    }

    /** Before a refinement call: where the run stands, naming the batch about to run. */
    JobProgress running(JobStage stage, int entry) {
        if (refineStart == 0) {
            refineStart = System.nanoTime();
        }
        return refineProgress(stage, entry);
    }

    /** After a refinement call of {@code tiles} images. */
    JobProgress refined(JobStage stage, int entry, int tiles) {
        refineCalls++;
        refineImages += tiles;
        return refineProgress(stage, entry);
    }

    private JobProgress refineProgress(JobStage stage, int entry) {
        long now = System.nanoTime();
        long eta;
        if (refineImages > 0) {
            eta = (long) ((double) (now - refineStart) / refineImages * (refineImagesTotal - refineImages));
        } else {
            long coarseImages = Math.max(1L, (long) coarseCalls * coarseBatch);
            eta = (long) ((double) (refineStart - start) / coarseImages * refineImagesTotal);
        }
        return new JobProgress(stage, entry, coarseCalls + refineCalls, callsTotal, now - start, Math.max(0, eta));
    }
}
