package org.repaintstudio.core.sampler;

import org.repaintstudio.core.schedule.NoiseSchedule;
import org.repaintstudio.core.schedule.PartialResampling;
import org.repaintstudio.core.schedule.SchedulerConfig;
import org.repaintstudio.core.schedule.TimestepSchedule;

/**
 * The diffusers-mode steps over a shortened schedule ({@link PartialResampling}): resampling only
 * below an index, a partial start from a noised {@link HoleFill} of the known image, and optionally
 * DDNM's x0-space consistency step ({@link NullSpaceStep}) instead of RePaint's known-region noising.
 * The samplers of the fewer-calls study share it; each is one {@link SamplerType}.
 */
final class VariantSampler implements RePaintSampler {
    /** How the loop begins and steps. */
    record Options(int startIndex, int resampleFrom, int resampleBelow, boolean nullSpace) {
        Options(int startIndex, int resampleBelow, boolean nullSpace) {
            this(startIndex, 0, resampleBelow, nullSpace);
        }
    }

    private final DiffusersRePaintScheduler scheduler;
    private final NoiseSchedule noise;
    private final TimestepSchedule schedule;
    private final NullSpaceStep nullSpace;
    private final boolean partialStart;
    private final float[] next;

    VariantSampler(SchedulerConfig config, SamplingSettings s, Options options, Shape shape) {
        this.scheduler = new DiffusersRePaintScheduler(config, s.eta());
        scheduler.setTimesteps(s.steps(), s.jumpLength(), s.jumpNSample());
        this.noise = scheduler.noiseSchedule();
        this.schedule = TimestepSchedule.fromDiffusersTimesteps(schedule(s, config, options));
        this.nullSpace = options.nullSpace() ? new NullSpaceStep(noise, s.eta(), config.clipSample()) : null;
        this.partialStart = options.startIndex() < scheduler.stepsForRatio();
        this.next = new float[shape.size()];
    }

    static int[] schedule(SamplingSettings s, SchedulerConfig config, Options options) {
        return PartialResampling.timesteps(s.steps(), s.jumpLength(), s.jumpNSample(), config.numTrainTimesteps(),
                options.startIndex(), options.resampleFrom(), options.resampleBelow());
    }

    @Override
    public TimestepSchedule schedule() {
        return schedule;
    }

    @Override
    public int modelTimestep(int entry) {
        return schedule.value(entry);
    }

    /**
     * A full run draws x_T (Algorithm 1 line 1). A partial start instead begins at the first entry's
     * level from the known image with its hole pre-filled: x_t = sqrt(ᾱ_t) fill + sqrt(1 - ᾱ_t) z
     * (DDPM Eq. 4), as diffusers' image-to-image {@code strength} noises its input.
     */
    @Override
    public void start(float[] x, float[] original, float[] keepMask, Shape shape, NoiseSource source) {
        source.next(x, shape.batch());
        if (!partialStart) {
            return;
        }
        float alpha = noise.alphaCumprod(schedule.value(0));
        float signal = (float) Math.sqrt(alpha);
        float spread = (float) Math.sqrt(1f - alpha);
        int hw = shape.pixels();
        int per = shape.sampleSize();
        float[] fill = new float[per];
        for (int n = 0; n < shape.batch(); n++) {
            HoleFill.fill(original, (n % (original.length / per)) * per, keepMask, (n % (keepMask.length / hw)) * hw,
                    shape.channels(), shape.height(), shape.width(), fill, 0);
            for (int i = 0; i < per; i++) {
                x[n * per + i] = signal * fill[i] + spread * x[n * per + i];
            }
        }
    }

    @Override
    public void denoise(int entry, float[] modelOutput, int outChannels, float[] x, float[] original, float[] keepMask,
                        Shape shape, NoiseSource source, float[] x0Out) {
        int t = schedule.value(entry);
        if (nullSpace != null) {
            nullSpace.step(modelOutput, outChannels, t, t - scheduler.stepRatio(), x, original, keepMask, shape, source,
                    x0Out);
            return;
        }
        scheduler.step(modelOutput, outChannels, t, x, original, keepMask, shape, source, next, x0Out);
        System.arraycopy(next, 0, x, 0, x.length);
    }

    @Override
    public void undo(int entry, float[] x, Shape shape, NoiseSource source) {
        // diffusers passes t_last, the previous entry's timestep (Algorithm 1 line 10, T // n single steps).
        scheduler.undoStep(x, schedule.value(entry - 1), shape, source);
    }
}
