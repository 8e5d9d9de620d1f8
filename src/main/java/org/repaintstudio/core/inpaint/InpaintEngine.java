package org.repaintstudio.core.inpaint;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.image.ImageGrid;
import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.image.SoftMask;
import org.repaintstudio.core.model.LoadedModel;
import org.repaintstudio.core.refine.RefineLevel;
import org.repaintstudio.core.refine.RefineOptions;
import org.repaintstudio.core.refine.RefinePlan;
import org.repaintstudio.core.sampler.Denoiser;
import org.repaintstudio.core.sampler.FiniteOutputGuard;
import org.repaintstudio.core.sampler.PipelineListener;
import org.repaintstudio.core.sampler.RePaintPipeline;
import org.repaintstudio.core.sampler.SeededNoise;
import org.repaintstudio.core.sampler.Shape;
import org.repaintstudio.core.schedule.SchedulerConfig;
import org.repaintstudio.core.schedule.TimestepSchedule;
import org.repaintstudio.core.task.CancelToken;

/**
 * The inpainting service under every front end. For a job it plans the crop (a square around the
 * mask with context, sent to the model at its resolution), builds the schedule, runs RePaint with
 * the job's preview cadence, blends the samples back in the crop's neighbourhood, then, where the
 * crop was shrunk, refines each sample level by level up to the photo's own resolution
 * ({@link org.repaintstudio.core.refine}), and writes the reproducible metadata. Pixels outside the
 * mask and its blend band (or, with {@link InpaintJob#keepKnownExact()}, outside the mask) are
 * returned unchanged, bit for bit. One run at a time per engine (the model session is not
 * thread-safe).
 */
public final class InpaintEngine {
    private final Denoiser denoiser;
    private final SchedulerConfig config;
    private final int modelSize;
    private final String modelName;
    private final String device;

    public InpaintEngine(Denoiser denoiser, SchedulerConfig config, int modelSize, String modelName, String device) {
        if (modelSize < 8) {
            throw new IllegalArgumentException("model resolution too small: " + modelSize);
        }
        this.denoiser = denoiser;
        this.config = config;
        this.modelSize = modelSize;
        this.modelName = modelName;
        this.device = device;
    }

    public static InpaintEngine of(LoadedModel model) {
        return new InpaintEngine(model.denoiser(), model.schedulerConfig(), model.resolution(), model.name(),
                model.execution().deviceName());
    }

    public int modelSize() {
        return modelSize;
    }

    public SchedulerConfig schedulerConfig() {
        return config;
    }

    /** The square the model will see for this mask; front ends show it before a run. */
    public static CropPlan cropPlan(Mask mask, int modelSize) {
        return CropPlan.plan(mask, modelSize, CropPlan.DEFAULT_CONTEXT);
    }

    /**
     * The refinement levels a job on this mask would run after its coarse pass (empty when off, or
     * when the model's square was not shrunk); front ends use it to estimate a run before it starts.
     */
    public static RefinePlan refinePlan(Mask support, int modelSize, SchedulerConfig config, RefineOptions options) {
        return RefinePlan.plan(support, cropPlan(support, modelSize).scale(), modelSize, config, options);
    }

    /** What the job will do: checks it (one sentence per problem) and plans crop, schedule and cost. */
    public JobPlan plan(InpaintJob job) {
        Mask support = job.mask().support();
        if (support.isEmpty()) {
            throw new UserFacingException("The mask is empty: there is nothing to inpaint.");
        }
        RePaintParameters params = job.params();
        params.validate(config.numTrainTimesteps());
        org.repaintstudio.core.image.ImageBudget.checkRun(job.image().getWidth(), job.image().getHeight(),
                params.samples());
        TimestepSchedule schedule = params.schedule(config);
        int calls = schedule.denoiseCount();
        CropPlan crop = cropPlan(support, modelSize);
        RefinePlan refine = refinePlan(support, modelSize, config, job.refine());
        return new JobPlan(crop, stages(refine), schedule, calls, params.samples(), job.previews().everyFor(calls),
                refine);
    }

    /** The coarse pass, then one stage per refinement level with its tile batches. */
    private static List<JobStage> stages(RefinePlan refine) {
        int levels = refine.levels().size();
        List<JobStage> stages = new ArrayList<>();
        stages.add(JobStage.coarse(levels + 1));
        for (RefineLevel level : refine.levels()) {
            stages.add(JobStage.refine(level.index(), levels, 0, level.batches(refine.options().maxBatch())));
        }
        return stages;
    }

    /** Runs one job; its samples share each UNet call. */
    public InpaintOutcome run(InpaintJob job, EngineListener events, CancelToken cancel) {
        return runBatch(List.of(job), events, cancel).get(0);
    }

    /**
     * Runs several jobs with the same parameters (except the seed) in shared UNet calls, one
     * sample each, with the noise of the first job's seed; evaluation uses this to batch images.
     * The coarse pass is shared; each job is then refined on its own.
     */
    public List<InpaintOutcome> runBatch(List<InpaintJob> jobs, EngineListener events, CancelToken cancel) {
        List<JobPlan> plans = new ArrayList<>();
        for (InpaintJob job : jobs) {
            plans.add(plan(job));
        }
        RePaintParameters params = jobs.get(0).params();
        if (jobs.size() > 1) {
            checkBatchable(jobs);
        }
        JobPlan first = plans.get(0);
        events.planned(first);
        JobClock clock = JobClock.of(plans);
        Shape shape = new Shape(jobs.size() * params.samples(), 3, modelSize, modelSize);
        float[][] inputs = prepareInputs(jobs, plans, shape);
        SeededNoise noise = new SeededNoise(params.seed());
        RePaintPipeline.Result result = new RePaintPipeline(denoiser).run(
                new RePaintPipeline.Request(shape, inputs[0], inputs[1],
                        params.withPreviewEvery(first.previewEvery()).createSampler(config, shape,
                                denoiser.outputChannels()),
                        noise, first.previewEvery()),
                bridge(jobs, plans, events, clock), cancel);
        List<InpaintOutcome> outcomes = new ArrayList<>();
        Passes passes = new Passes(noise, clock, events, cancel);
        for (int j = 0; j < jobs.size(); j++) {
            outcomes.add(finish(jobs.get(j), plans.get(j), result, j * params.samples(), passes));
        }
        return outcomes;
    }

    private static void checkBatchable(List<InpaintJob> jobs) {
        RePaintParameters p = jobs.get(0).params();
        for (InpaintJob job : jobs) {
            if (job.params().samples() != 1 || !job.params().withSeed(p.seed()).equals(p)) {
                throw new IllegalArgumentException("batched jobs need one sample each and the same parameters");
            }
        }
    }

    /** The model-space images and keep-masks of all jobs: shared (batch 1) for a single job. */
    private float[][] prepareInputs(List<InpaintJob> jobs, List<JobPlan> plans, Shape shape) {
        int r = modelSize;
        int count = jobs.size();
        float[] image = new float[count * 3 * r * r];
        float[] keep = new float[count * r * r];
        float[] tensor = new float[3 * r * r];
        float[] keepOne = new float[r * r];
        for (int j = 0; j < count; j++) {
            Resample.cropToModel(jobs.get(j).image(), jobs.get(j).mask(), plans.get(j).crop(), tensor, keepOne);
            System.arraycopy(tensor, 0, image, j * tensor.length, tensor.length);
            System.arraycopy(keepOne, 0, keep, j * keepOne.length, keepOne.length);
        }
        return new float[][] {image, keep};
    }

    /** Turns the pipeline's events into engine events with model-space images and the live composite. */
    private PipelineListener bridge(List<InpaintJob> jobs, List<JobPlan> plans, EngineListener events,
                                    JobClock clock) {
        int r = modelSize;
        JobStage stage = plans.get(0).stages().get(0);
        int liveSide = jobs.get(0).previews().liveSide();
        return new PipelineListener() {
            @Override
            public void progressed(Progress progress) {
                events.progressed(stage, progress);
                events.jobProgressed(clock.coarse(stage, progress));
            }

            @Override
            public void preview(Preview p) {
                BufferedImage img = ImageGrid.fromTensor(p.x0(), r, r, 0);
                BufferedImage live = p.sample() == 0 && liveSide > 0
                        ? Resample.liveComposite(jobs.get(0).mask(), plans.get(0).crop(), img, liveSide) : null;
                events.preview(new EngineListener.Preview(stage, p.sample(), p.denoiseDone(), img, live, p.isFinal()));
            }
        };
    }

    /** Blends each sample back, refines it where the plan says so, and assembles the outcome. */
    private InpaintOutcome finish(InpaintJob job, JobPlan plan, RePaintPipeline.Result result, int firstSample,
                                  Passes passes) {
        Resample.BlendBand alpha = Resample.featherAlpha(job.mask(), plan.crop(),
                job.keepKnownExact() ? 0 : plan.crop().feather());
        RefinePass refine = new RefinePass(job, plan, passes.events(), passes.clock());
        Denoiser guarded = FiniteOutputGuard.wrap(denoiser);
        List<BufferedImage> full = new ArrayList<>();
        List<BufferedImage> small = new ArrayList<>();
        for (int n = 0; n < job.params().samples(); n++) {
            BufferedImage modelOut = ImageGrid.fromTensor(result.samples(), modelSize, modelSize, firstSample + n);
            small.add(modelOut);
            BufferedImage coarse = Resample.blendBack(job.image(), modelOut, plan.crop(), alpha);
            full.add(refine.run(coarse, n, guarded, passes.noise().stream(firstSample + n), passes.cancel()));
        }
        Map<String, String> meta = RunMetadata.of(modelName, job.sourceName(), job.params(), plan.crop(), device);
        RunMetadata.putRefinement(meta, plan.refine(), job.keepKnownExact());
        return new InpaintOutcome(full, small, plan, job.params(), meta, result, plan.modelCalls(),
                passes.clock().elapsedNanos());
    }

    /** What the passes after the coarse one share: the samples' noise streams, the clock, events, cancel. */
    private record Passes(SeededNoise noise, JobClock clock, EngineListener events, CancelToken cancel) {}
}
