package org.repaintstudio.core.inpaint;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.image.ImageGrid;
import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.task.CancelToken;
import org.repaintstudio.core.sampler.Denoiser;
import org.repaintstudio.core.sampler.NoiseSource;
import org.repaintstudio.core.sampler.PipelineListener;
import org.repaintstudio.core.sampler.RePaintPipeline;
import org.repaintstudio.core.sampler.RePaintSampler;
import org.repaintstudio.core.sampler.Shape;
import org.repaintstudio.core.schedule.SchedulerConfig;

/**
 * Inpaints an image of any size with a fixed-resolution model: crops a square around the mask
 * with context, resizes it to the model's resolution, runs RePaint, resizes the result back and
 * blends it in with a feathered mask. Pixels outside the mask and its feather band are returned
 * unchanged, bit for bit.
 */
public final class Inpainter {
    private final Denoiser denoiser;
    private final SchedulerConfig config;
    private final int modelSize;

    public Inpainter(Denoiser denoiser, SchedulerConfig config, int modelSize) {
        if (modelSize < 8) {
            throw new IllegalArgumentException("model resolution too small: " + modelSize);
        }
        this.denoiser = denoiser;
        this.config = config;
        this.modelSize = modelSize;
    }

    public int modelSize() {
        return modelSize;
    }

    public SchedulerConfig schedulerConfig() {
        return config;
    }

    /** Receives the engine's events plus previews converted to model-resolution images. */
    public interface Listener extends PipelineListener {
        /** An x0 estimate (or, when {@code isFinal}, the result) of one sample at model resolution. */
        default void previewImage(int sample, int denoiseDone, BufferedImage modelSpace, boolean isFinal) {}
    }

    /** What goes to the model: the crop and its tensors. */
    public record Prepared(CropPlan plan, float[] image, float[] keepMask, BufferedImage modelInput) {}

    /**
     * @param results   full-size images, one per sample
     * @param modelSpace results at model resolution (the crop as the model produced it)
     */
    public record Outcome(List<BufferedImage> results, List<BufferedImage> modelSpace, CropPlan plan,
                          RePaintPipeline.Result stats) {}

    public static void checkSizes(BufferedImage image, Mask mask) {
        if (image.getWidth() != mask.width() || image.getHeight() != mask.height()) {
            throw new UserFacingException("The mask is " + mask.width() + "×" + mask.height() + " pixels but the image is "
                    + image.getWidth() + "×" + image.getHeight() + "; use a mask of the same size (or --resize-mask).");
        }
    }

    public Prepared prepare(BufferedImage image, Mask mask, double context) {
        checkSizes(image, mask);
        CropPlan plan = CropPlan.plan(mask, modelSize, context);
        int r = modelSize;
        float[] tensor = new float[3 * r * r];
        float[] keep = new float[r * r];
        Resample.cropToModel(image, mask, plan, tensor, keep);
        return new Prepared(plan, tensor, keep, ImageGrid.fromTensor(tensor, r, r, 0));
    }

    public Outcome run(BufferedImage image, Mask mask, RePaintParameters params, NoiseSource noise, Listener listener,
                       CancelToken cancel) {
        checkSizes(image, mask);
        org.repaintstudio.core.image.ImageBudget.checkRun(image.getWidth(), image.getHeight(), params.samples());
        if (mask.isEmpty()) {
            throw new UserFacingException("The mask is empty: there is nothing to inpaint.");
        }
        params.validate(config.numTrainTimesteps());
        Prepared prepared = prepare(image, mask, CropPlan.DEFAULT_CONTEXT);
        int r = modelSize;
        Shape shape = new Shape(params.samples(), 3, r, r);
        RePaintSampler sampler = params.createSampler(config, shape, denoiser.outputChannels());
        PipelineListener bridge = new PipelineListener() {
            @Override
            public void started(org.repaintstudio.core.schedule.TimestepSchedule schedule, Shape s) {
                listener.started(schedule, s);
            }

            @Override
            public void progressed(Progress progress) {
                listener.progressed(progress);
            }

            @Override
            public void preview(Preview p) {
                listener.preview(p);
                listener.previewImage(p.sample(), p.denoiseDone(), ImageGrid.fromTensor(p.x0(), r, r, 0), p.isFinal());
            }
        };
        RePaintPipeline.Result result = new RePaintPipeline(denoiser).run(
                new RePaintPipeline.Request(shape, prepared.image(), prepared.keepMask(), sampler, noise,
                        params.previewEvery()),
                bridge, cancel);
        List<BufferedImage> full = new ArrayList<>();
        List<BufferedImage> small = new ArrayList<>();
        float[] alpha = Resample.featherAlpha(mask, prepared.plan());
        for (int n = 0; n < shape.batch(); n++) {
            BufferedImage modelOut = ImageGrid.fromTensor(result.samples(), r, r, n);
            small.add(modelOut);
            full.add(Resample.blendBack(image, modelOut, prepared.plan(), alpha));
        }
        return new Outcome(full, small, prepared.plan(), result);
    }
}
