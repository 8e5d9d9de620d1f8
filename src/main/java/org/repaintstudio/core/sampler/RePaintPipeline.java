package org.repaintstudio.core.sampler;

import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.schedule.StepKind;
import org.repaintstudio.core.schedule.TimestepSchedule;
import org.repaintstudio.core.task.CancelToken;

/**
 * The RePaint loop over a denoiser and a sampler, for a batch of samples of one image: the initial
 * noise draw, then each schedule entry in order (model call and step, or undo), with progress,
 * previews and cancellation before every model call. Known pixels of the result equal the input.
 */
public final class RePaintPipeline {
    private final Denoiser denoiser;

    public RePaintPipeline(Denoiser denoiser) {
        this.denoiser = FiniteOutputGuard.wrap(denoiser);
    }

    /**
     * @param shape        batch of samples, 3 channels, model resolution
     * @param image        the known image in [-1, 1], NCHW with batch 1 (shared) or {@code shape.batch()}
     * @param keepMask     1 = known pixel, 0 = to inpaint; N1HW with batch 1 or {@code shape.batch()}
     * @param previewEvery send x0 previews every this many denoising steps (0 = only the final result)
     */
    public record Request(Shape shape, float[] image, float[] keepMask, RePaintSampler sampler, NoiseSource noise,
                          int previewEvery) {
        public Request {
            if (shape.channels() != 3) {
                throw new IllegalArgumentException("RePaint works on 3-channel images");
            }
            if (image.length != shape.sampleSize() && image.length != shape.size()) {
                throw new IllegalArgumentException("image holds " + image.length + " values, not one or "
                        + shape.batch() + " images of " + shape.sampleSize());
            }
            if (keepMask.length != shape.pixels() && keepMask.length != shape.pixels() * shape.batch()) {
                throw new IllegalArgumentException("mask holds " + keepMask.length + " values for " + shape.pixels()
                        + " pixels");
            }
            if (previewEvery < 0) {
                throw new IllegalArgumentException("previewEvery must be >= 0");
            }
        }
    }

    /** Final samples (NCHW, [-1, 1], known pixels pasted back) and where the time went. */
    public record Result(float[] samples, Shape shape, int modelCalls, long modelNanos, long totalNanos) {
        /** Time spent outside the model: stepping, noise, copies, events. */
        public long javaNanos() {
            return totalNanos - modelNanos;
        }
    }

    /**
     * RePaint, Algorithm 1 of Lugmayr et al. (CVPR 2022). The sampler decides what a denoising and
     * an undo entry compute; the {@link RunReporter} keeps time, estimates and previews.
     */
    public Result run(Request request, PipelineListener listener, CancelToken cancel) {
        Shape shape = request.shape();
        RePaintSampler sampler = checkedSampler(request);
        TimestepSchedule schedule = sampler.schedule();
        NoiseSource noise = request.noise();
        TimedDenoiser model = new TimedDenoiser(denoiser);
        int outChannels = denoiser.outputChannels();
        RunReporter report = new RunReporter(listener, schedule, shape, request.previewEvery());
        float[] x = new float[shape.size()];
        float[] eps = new float[shape.batch() * outChannels * shape.pixels()];
        float[] x0 = new float[shape.size()];

        report.start();
        sampler.start(x, request.image(), request.keepMask(), shape, noise); // line 1: x_T ~ N(0, I)
        report.started();
        for (int e = 0; e < schedule.size(); e++) {                     // lines 2-3: each t, each resampling u
            if (schedule.kind(e) == StepKind.DENOISE) {
                cancel.throwIfCancelled();
                int t = sampler.modelTimestep(e);
                model.predict(x, shape, t, eps);                        // line 7: eps_theta(x_t, t)
                sampler.denoise(e, eps, outChannels, x, request.image(), request.keepMask(), shape, noise, x0);
                report.denoised(e, t, x0);                              // lines 4-8: x_{t-1} known and unknown
            } else {
                sampler.undo(e, x, shape, noise);                       // line 10: back to x_t
                report.undone(e);
            }
        }
        pasteBack(x, request.image(), request.keepMask(), shape);       // line 14: return x_0, known pixels exact
        report.finished(x);
        return new Result(x, shape, report.modelCalls(), model.nanos(), report.totalNanos());
    }

    private RePaintSampler checkedSampler(Request request) {
        Shape shape = request.shape();
        int fixedH = denoiser.fixedHeight();
        int fixedW = denoiser.fixedWidth();
        if ((fixedH > 0 && fixedH != shape.height()) || (fixedW > 0 && fixedW != shape.width())) {
            throw new UserFacingException("The model works at " + fixedW + "×" + fixedH + " pixels, not "
                    + shape.width() + "×" + shape.height() + ".");
        }
        int outChannels = denoiser.outputChannels();
        if (!request.sampler().acceptsOutputChannels(outChannels)) {
            throw new UserFacingException("This sampling mode cannot use a model with " + outChannels + " output channels.");
        }
        return request.sampler();
    }

    /** Known pixels take the input values exactly (a no-op when the last step already did). */
    static void pasteBack(float[] x, float[] image, float[] keepMask, Shape shape) {
        int hw = shape.pixels();
        int c = shape.channels();
        int imageBatch = image.length / (c * hw);
        int maskBatch = keepMask.length / hw;
        for (int n = 0; n < shape.batch(); n++) {
            for (int p = 0; p < hw; p++) {
                float m = keepMask[(n % maskBatch) * hw + p];
                if (m == 0f) {
                    continue;
                }
                for (int ch = 0; ch < c; ch++) {
                    int i = (n * c + ch) * hw + p;
                    float known = image[((n % imageBatch) * c + ch) * hw + p];
                    x[i] = m == 1f ? known : m * known + (1f - m) * x[i];
                }
            }
        }
    }
}
