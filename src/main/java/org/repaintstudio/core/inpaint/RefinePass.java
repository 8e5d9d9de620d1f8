package org.repaintstudio.core.inpaint;

import java.awt.image.BufferedImage;

import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.refine.RefineListener;
import org.repaintstudio.core.refine.RefinePlan;
import org.repaintstudio.core.refine.RefineProgress;
import org.repaintstudio.core.refine.Refiner;
import org.repaintstudio.core.sampler.Denoiser;
import org.repaintstudio.core.sampler.NoiseSource;
import org.repaintstudio.core.schedule.StepKind;
import org.repaintstudio.core.schedule.TimestepSchedule;
import org.repaintstudio.core.task.CancelToken;

/**
 * The refinement levels of one sample, as passes of the engine's job: runs {@link Refiner} on the
 * sample's coarse result and turns its events into engine events (stage, whole-job progress, live
 * regions). With {@link InpaintJob#keepKnownExact()} or a soft mask the mask's fill weight is the
 * blend weight, here as in the coarse pass.
 */
final class RefinePass {
    private final InpaintJob job;
    private final JobPlan plan;
    private final EngineListener events;
    private final JobClock clock;

    RefinePass(InpaintJob job, JobPlan plan, EngineListener events, JobClock clock) {
        this.job = job;
        this.plan = plan;
        this.events = events;
        this.clock = clock;
    }

    /** The refined result of sample {@code sample}, or {@code coarse} itself when the plan has no level. */
    BufferedImage run(BufferedImage coarse, int sample, Denoiser denoiser, NoiseSource noise, CancelToken cancel) {
        RefinePlan refine = plan.refine();
        if (refine.isEmpty()) {
            return coarse;
        }
        BufferedImage out = Refiner.refine(job.image(), job.mask().support(), coarse, refine, denoiser, noise,
                listener(sample), cancel);
        if (fillWeighted()) {
            KnownPixels.weightByFill(job.image(), job.mask(), out, 0, 0,
                    KnownPixels.around(job.mask(), refine.options().blendWidth() + 2));
        }
        return out;
    }

    /** The entry index of each denoising step of a level's schedule. */
    private static int[] denoiseEntries(TimestepSchedule entries) {
        int[] out = new int[entries.denoiseCount()];
        int step = 0;
        for (int e = 0; e < entries.size(); e++) {
            if (entries.kind(e) == StepKind.DENOISE) {
                out[step++] = e;
            }
        }
        return out;
    }

    /** Whether the mask's fill weight, not a band outside it, decides the blend. */
    boolean fillWeighted() {
        return job.keepKnownExact() || !job.mask().isBinary();
    }

    private RefineListener listener(int sample) {
        int batch = plan.refine().options().maxBatch();
        int[] entryOfStep = denoiseEntries(plan.refine().schedule().entries());
        return new RefineListener() {
            @Override
            public void running(RefineProgress p) {
                events.jobProgressed(clock.running(stage(p), entry(p)));
            }

            @Override
            public void progressed(RefineProgress p) {
                events.jobProgressed(clock.refined(stage(p), entry(p), p.lastTile() - p.firstTile()));
            }

            private int entry(RefineProgress p) {
                return plan.levelOffset(sample, p.level()) + entryOfStep[p.step() - 1];
            }

            @Override
            public void regionUpdated(int level, int levels, Mask.Box region, BufferedImage pixels) {
                if (fillWeighted()) {
                    KnownPixels.weightByFill(job.image(), job.mask(), pixels, region.x(), region.y(), region);
                }
                int batches = plan.refine().levels().get(level - 1).batches(batch);
                events.regionUpdated(JobStage.refine(level, levels, batches - 1, batches), sample, region, pixels);
            }

            private JobStage stage(RefineProgress p) {
                int batches = (p.tiles() + batch - 1) / batch;
                return JobStage.refine(p.level(), p.levels(), p.firstTile() / batch, batches);
            }
        };
    }
}
