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

    public Result run(Request request, PipelineListener listener, CancelToken cancel) {
        Shape shape = request.shape();
        int fixedH = denoiser.fixedHeight();
        int fixedW = denoiser.fixedWidth();
        if ((fixedH > 0 && fixedH != shape.height()) || (fixedW > 0 && fixedW != shape.width())) {
            throw new UserFacingException("The model works at " + fixedW + "×" + fixedH + " pixels, not "
                    + shape.width() + "×" + shape.height() + ".");
        }
        RePaintSampler sampler = request.sampler();
        int outChannels = denoiser.outputChannels();
        if (!sampler.acceptsOutputChannels(outChannels)) {
            throw new UserFacingException("This sampling mode cannot use a model with " + outChannels + " output channels.");
        }
        TimestepSchedule schedule = sampler.schedule();
        NoiseSource noise = request.noise();
        float[] x = new float[shape.size()];
        float[] modelOut = new float[shape.batch() * outChannels * shape.pixels()];
        float[] x0 = new float[shape.size()];

        long start = System.nanoTime();
        noise.next(x, shape.batch());
        listener.started(schedule, shape);

        long modelNanos = 0;
        long denoiseNanos = 0;
        long undoNanos = 0;
        int denoiseDone = 0;
        int undoDone = 0;
        int denoiseTotal = schedule.denoiseCount();
        int undoTotal = schedule.undoCount();
        for (int e = 0; e < schedule.size(); e++) {
            long entryStart = System.nanoTime();
            StepKind kind = schedule.kind(e);
            int modelT = -1;
            if (kind == StepKind.DENOISE) {
                cancel.throwIfCancelled();
                modelT = sampler.modelTimestep(e);
                long m0 = System.nanoTime();
                denoiser.predict(x, shape, modelT, modelOut);
                modelNanos += System.nanoTime() - m0;
                sampler.denoise(e, modelOut, outChannels, x, request.image(), request.keepMask(), shape, noise, x0);
                denoiseDone++;
                boolean lastDenoise = denoiseDone == denoiseTotal;
                if (request.previewEvery() > 0 && (denoiseDone % request.previewEvery() == 0 || lastDenoise)) {
                    sendPreviews(listener, e, denoiseDone, shape, x0, false);
                }
                denoiseNanos += System.nanoTime() - entryStart;
            } else {
                sampler.undo(e, x, shape, noise);
                undoDone++;
                undoNanos += System.nanoTime() - entryStart;
            }
            long now = System.nanoTime();
            long eta = estimate(denoiseNanos, denoiseDone, denoiseTotal) + estimate(undoNanos, undoDone, undoTotal);
            listener.progressed(new PipelineListener.Progress(e, schedule.size(), schedule.value(e), modelT, kind,
                    denoiseDone, denoiseTotal, now - start, eta));
        }
        pasteBack(x, request.image(), request.keepMask(), shape);
        sendPreviews(listener, schedule.size() - 1, denoiseDone, shape, x, true);
        return new Result(x, shape, denoiseDone, modelNanos, System.nanoTime() - start);
    }

    private static long estimate(long spent, int done, int total) {
        return done == 0 ? 0 : (long) ((double) spent / done * (total - done));
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

    private static void sendPreviews(PipelineListener listener, int entry, int denoiseDone, Shape shape, float[] x0,
                                     boolean isFinal) {
        int per = shape.sampleSize();
        for (int n = 0; n < shape.batch(); n++) {
            float[] copy = new float[per];
            System.arraycopy(x0, n * per, copy, 0, per);
            listener.preview(new PipelineListener.Preview(entry, denoiseDone, n, shape.height(), shape.width(), copy,
                    isFinal));
        }
    }
}
