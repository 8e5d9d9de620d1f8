package org.repaintstudio.core.refine;

import java.awt.image.BufferedImage;

import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.sampler.Denoiser;
import org.repaintstudio.core.sampler.DiffusersRePaintScheduler;
import org.repaintstudio.core.sampler.NoiseSource;
import org.repaintstudio.core.sampler.Shape;
import org.repaintstudio.core.schedule.SchedulerConfig;
import org.repaintstudio.core.schedule.StepKind;
import org.repaintstudio.core.schedule.TimestepSchedule;
import org.repaintstudio.core.task.CancelToken;

/**
 * Coarse-to-fine refinement of a crop-pass fill, so that a fill has the photo's own sharpness.
 * Each level doubles the resolution: it enlarges the previous level's fill, takes a smooth fill
 * from the level's own known pixels where the hole is narrow at that scale ({@link NarrowHoleStart}),
 * re-noises it to a partial timestep (diffusers' inpainting {@code strength}) and denoises it with RePaint's
 * known-region replacement from the photo at that scale, over model-size tiles that cover the
 * dilated mask and are fused every step ({@link TileBlend}). The last level works at one image pixel
 * per level pixel and, unless turned off, takes its fine grain from the photo around the hole
 * ({@link GrainTransfer}); its result is blended into the photo over an adjustable band, and every
 * pixel beyond the mask and that band keeps the input's value exactly.
 */
public final class Refiner {
    /** Fixed, so that a run repeats exactly; the grain still differs between samples, as their fills do. */
    private static final long GRAIN_SEED = 0x6a09e667L;
    /** Photo pixels around the last level's canvas that the grain may be copied from. */
    private static final int GRAIN_MARGIN = 48;

    private Refiner() {}

    /**
     * @param original   the photo as the user gave it
     * @param mask       what to fill (same size as the photo)
     * @param coarseFull the coarse crop pass's full-size result for this sample
     * @param plan       the levels, planned beforehand from the coarse pass's crop ({@link RefinePlan#plan})
     * @param noise      draws for the re-noising and the steps (e.g. the sample's seeded stream)
     * @return the refined full-size result, or {@code coarseFull} itself when the plan has no level
     */
    public static BufferedImage refine(BufferedImage original, Mask mask, BufferedImage coarseFull, RefinePlan plan,
                                       Denoiser denoiser, NoiseSource noise, RefineListener listener,
                                       CancelToken cancel) {
        checkSizes(original, mask, coarseFull);
        if (plan.isEmpty()) {
            return coarseFull;
        }
        checkDenoiser(denoiser, plan.tileSize());
        Run run = new Run(plan, denoiser, noise, listener, cancel);
        listener.started(plan);
        float[] picture = null;
        RefineLevel previous = null;
        for (RefineLevel level : plan.levels()) {
            float[] known = LevelImages.boxAverage(original, level.scale(), level.canvas());
            float[] coarser = previous == null
                    ? LevelImages.boxAverage(coarseFull, level.scale(), level.canvas())
                    : LevelImages.enlarge(picture, previous.canvas(), previous.scale(), level.canvas(), level.scale());
            boolean[] masked = NarrowHoleStart.maskedAt(mask, level.scale(), level.canvas());
            float[] start = NarrowHoleStart.blend(coarser, known, masked, level.canvas().width(),
                    level.canvas().height());
            float[] composed = LevelImages.compose(known, start, level.redraw());
            picture = run.level(level, known, composed);
            LowFrequencyAnchor.apply(picture, composed, level.redraw(), level.canvas().width(),
                    level.canvas().height(), plan.options().anchorSigma());
            if (level.scale() == 1 && plan.options().copyGrain()) {
                copyGrain(picture, level, original, mask, cancel);
            }
            previous = level;
            BlendBand.Patch patch = BlendBand.patch(original, mask, plan.options().blendWidth(), picture,
                    level.canvas(), level.scale());
            listener.regionUpdated(level.index(), plan.levels().size(), patch.rect(), toImage(patch));
        }
        return BlendBand.apply(original, BlendBand.patch(original, mask, plan.options().blendWidth(), picture,
                previous.canvas(), previous.scale()));
    }

    /**
     * The last level's grain from the photo around the hole. The search looks beyond the level's
     * canvas, {@link #GRAIN_MARGIN} pixels into the photo, since the canvas is tight around the
     * redrawn pixels; it copies only from the photo's own pixels (on the image, outside the mask,
     * and not redrawn by the level).
     */
    private static void copyGrain(float[] picture, RefineLevel level, BufferedImage original, Mask mask,
                                  CancelToken cancel) {
        Mask.Box c = level.canvas();
        Mask.Box wide = new Mask.Box(c.x() - GRAIN_MARGIN, c.y() - GRAIN_MARGIN, c.width() + 2 * GRAIN_MARGIN,
                c.height() + 2 * GRAIN_MARGIN);
        float[] around = LevelImages.boxAverage(original, 1, wide);
        boolean[] hole = new boolean[wide.width() * wide.height()];
        boolean[] photo = new boolean[hole.length];
        for (int y = 0; y < wide.height(); y++) {
            for (int x = 0; x < wide.width(); x++) {
                int p = y * wide.width() + x;
                int ix = wide.x() + x;
                int iy = wide.y() + y;
                boolean onImage = ix >= 0 && iy >= 0 && ix < mask.width() && iy < mask.height();
                hole[p] = onImage && mask.isFill(ix, iy);
                photo[p] = onImage && !hole[p] && !redrawnAt(level, ix, iy);
            }
        }
        paste(picture, c, around, wide);
        GrainTransfer.apply(around, hole, photo, wide.width(), wide.height(), GRAIN_SEED, cancel);
        paste(around, wide, picture, c);
    }

    /** Whether the level redraws image pixel (x, y) (false outside its canvas). */
    private static boolean redrawnAt(RefineLevel level, int x, int y) {
        Mask.Box c = level.canvas();
        int cx = x - c.x();
        int cy = y - c.y();
        return cx >= 0 && cy >= 0 && cx < c.width() && cy < c.height() && level.redraw()[cy * c.width() + cx];
    }

    /** Copies the overlap of two CHW pictures over image boxes {@code from} and {@code to} into {@code dst}. */
    private static void paste(float[] src, Mask.Box from, float[] dst, Mask.Box to) {
        int x0 = Math.max(from.x(), to.x());
        int x1 = Math.min(from.right(), to.right());
        int srcPlane = from.width() * from.height();
        int dstPlane = to.width() * to.height();
        for (int y = Math.max(from.y(), to.y()); y < Math.min(from.bottom(), to.bottom()) && x0 < x1; y++) {
            for (int ch = 0; ch < 3; ch++) {
                System.arraycopy(src, ch * srcPlane + (y - from.y()) * from.width() + x0 - from.x(), dst,
                        ch * dstPlane + (y - to.y()) * to.width() + x0 - to.x(), x1 - x0);
            }
        }
    }

    private static void checkSizes(BufferedImage original, Mask mask, BufferedImage coarse) {
        if (original.getWidth() != mask.width() || original.getHeight() != mask.height()
                || coarse.getWidth() != mask.width() || coarse.getHeight() != mask.height()) {
            throw new IllegalArgumentException("photo, mask and coarse result must have the same size");
        }
    }

    private static void checkDenoiser(Denoiser denoiser, int tile) {
        if ((denoiser.fixedHeight() > 0 && denoiser.fixedHeight() != tile)
                || (denoiser.fixedWidth() > 0 && denoiser.fixedWidth() != tile)) {
            throw new UserFacingException("The model works at " + denoiser.fixedWidth() + "×" + denoiser.fixedHeight()
                    + " pixels, but the crop was planned for " + tile + ".");
        }
    }

    private static BufferedImage toImage(BlendBand.Patch patch) {
        Mask.Box r = patch.rect();
        BufferedImage img = new BufferedImage(r.width(), r.height(), BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, r.width(), r.height(), patch.rgb(), 0, r.width());
        return img;
    }

    /** The state of one refinement: call counts, timing and the shared listener and token. */
    private static final class Run {
        private final RefinePlan plan;
        private final Denoiser denoiser;
        private final NoiseSource noise;
        private final RefineListener listener;
        private final CancelToken cancel;
        private final int callsTotal;
        private final long startNanos = System.nanoTime();
        private int callsDone;

        Run(RefinePlan plan, Denoiser denoiser, NoiseSource noise, RefineListener listener, CancelToken cancel) {
            this.plan = plan;
            this.denoiser = denoiser;
            this.noise = noise;
            this.listener = listener;
            this.cancel = cancel;
            this.callsTotal = plan.totalCalls();
        }

        /** Denoises one level from {@code start}; returns its picture (known pixels equal {@code known}). */
        float[] level(RefineLevel level, float[] known, float[] start) {
            Mask.Box canvas = level.canvas();
            Shape shape = new Shape(1, 3, canvas.height(), canvas.width());
            LevelSchedule schedule = plan.schedule();
            DiffusersRePaintScheduler scheduler = schedule.newScheduler();
            float[] keep = LevelImages.keepMask(level.redraw());
            float[] x = noised(start, schedule.startTimestep(), scheduler, shape);
            TileBlend blend = new TileBlend(canvas, level.tiles(), plan.tileSize());
            float[] eps = new float[shape.size()];
            float[] next = new float[shape.size()];
            float[] x0 = new float[shape.size()];
            TimestepSchedule entries = schedule.entries();
            int step = 0;
            for (int e = 0; e < entries.size(); e++) {
                if (entries.kind(e) == StepKind.UNDO) {
                    scheduler.undoStep(x, entries.value(e - 1), shape, noise);
                    continue;
                }
                int t = entries.value(e);
                predict(level, ++step, t, x, blend, eps);
                scheduler.step(eps, 3, t, x, known, keep, shape, noise, next, x0);
                System.arraycopy(next, 0, x, 0, x.length);
            }
            return x;
        }

        /** x_t = sqrt(ᾱ_t)·start + sqrt(1 − ᾱ_t)·z, the forward process applied to the start image. */
        private float[] noised(float[] start, int t, DiffusersRePaintScheduler scheduler, Shape shape) {
            float a = scheduler.noiseSchedule().alphaCumprod(t);
            float keep = (float) Math.sqrt(a);
            float add = (float) Math.sqrt(1 - a);
            float[] x = new float[shape.size()];
            noise.next(x, 1);
            for (int i = 0; i < x.length; i++) {
                x[i] = keep * start[i] + add * x[i];
            }
            return x;
        }

        /** The fused noise prediction of every tile of the level at timestep t, in batches. */
        private void predict(RefineLevel level, int step, int t, float[] x, TileBlend blend, float[] eps) {
            java.util.Arrays.fill(eps, 0f);
            int tiles = level.tiles().size();
            int batch = plan.options().maxBatch();
            int r = plan.tileSize();
            int outChannels = denoiser.outputChannels();
            for (int first = 0; first < tiles; first += batch) {
                int n = Math.min(batch, tiles - first);
                Shape shape = new Shape(n, 3, r, r);
                float[] in = new float[shape.size()];
                for (int i = 0; i < n; i++) {
                    blend.extract(x, level.tiles().get(first + i), in, i);
                }
                cancel.throwIfCancelled();
                listener.running(progress(level, first, first + n, step));
                float[] out = new float[n * outChannels * r * r];
                denoiser.predict(in, shape, t, out);
                callsDone++;
                for (int i = 0; i < n; i++) {
                    blend.accumulate(out, outChannels, i, level.tiles().get(first + i), eps);
                }
                listener.progressed(progress(level, first, first + n, step));
            }
        }

        private RefineProgress progress(RefineLevel level, int first, int last, int step) {
            long elapsed = System.nanoTime() - startNanos;
            long eta = callsDone == 0 ? 0 : (long) ((double) elapsed / callsDone * (callsTotal - callsDone));
            return new RefineProgress(level.index(), plan.levels().size(), first, last, level.tiles().size(), step,
                    plan.schedule().denoiseCount(), callsDone, callsTotal, elapsed, eta);
        }
    }
}
