package org.repaintstudio.core.sampler;

import org.repaintstudio.core.schedule.DiffusersResampling;
import org.repaintstudio.core.schedule.NoiseSchedule;
import org.repaintstudio.core.schedule.SchedulerConfig;

/**
 * diffusers' {@code RePaintScheduler} (v0.24): {@code step} is the DDIM-form update with eta and
 * one noise draw shared by the variance term and the re-noised known region, and
 * {@code undo_step} re-noises with {@code T // n} single-step transitions, one draw each.
 * Arithmetic follows torch's float32 operation order.
 *
 * <p>Tensors are flat NCHW float arrays. {@code original} and {@code keepMask} (1 = known pixel)
 * may hold one image for the whole batch or one per sample.
 */
public final class DiffusersRePaintScheduler {
    private final SchedulerConfig config;
    private final NoiseSchedule noise;
    private final float eta;
    private int numInferenceSteps = -1;
    private float[] drawBuffer = new float[0];

    public DiffusersRePaintScheduler(SchedulerConfig config, double eta) {
        if (!(eta >= 0 && eta <= 1)) {
            throw new org.repaintstudio.core.UserFacingException("eta must lie between 0 and 1, not " + eta + ".");
        }
        this.config = config;
        this.noise = NoiseSchedule.of(config);
        this.eta = (float) eta;
    }

    public NoiseSchedule noiseSchedule() {
        return noise;
    }

    public int[] setTimesteps(int steps, int jumpLength, int jumpNSample) {
        int[] ts = DiffusersResampling.timesteps(steps, jumpLength, jumpNSample, noise.numTrainTimesteps());
        numInferenceSteps = DiffusersResampling.effectiveSteps(steps, noise.numTrainTimesteps());
        return ts;
    }

    /** The effective number of inference steps (after {@link #setTimesteps}). */
    public int stepsForRatio() {
        requireTimesteps();
        return numInferenceSteps;
    }

    public int stepRatio() {
        requireTimesteps();
        return noise.numTrainTimesteps() / numInferenceSteps;
    }

    private void requireTimesteps() {
        if (numInferenceSteps < 1) {
            throw new IllegalStateException("call setTimesteps first");
        }
    }

    /**
     * One reverse step from timestep {@code t}; writes x_{t-r} to {@code prevOut} and the clipped
     * (if configured) x0 estimate to {@code x0Out}. {@code modelOutput} has {@code outChannels}
     * channels; the first three are the predicted noise.
     */
    public void step(float[] modelOutput, int outChannels, int t, float[] sample, float[] original, float[] keepMask,
                     Shape shape, NoiseSource source, float[] prevOut, float[] x0Out) {
        int prev = t - stepRatio();
        float alphaT = noise.alphaCumprod(t);
        float alphaPrev = prev >= 0 ? noise.alphaCumprod(prev) : 1f;
        float betaT = 1f - alphaT;
        float sqrtBetaT = (float) Math.sqrt(betaT);
        float sqrtAlphaT = (float) Math.sqrt(alphaT);
        float sqrtAlphaPrev = (float) Math.sqrt(alphaPrev);
        float sqrtOneMinusAlphaPrev = (float) Math.sqrt(1f - alphaPrev);

        float variance = ((1f - alphaPrev) / betaT) * (1f - alphaT / alphaPrev);
        float std = eta * (float) Math.sqrt(variance);
        float direction = (float) Math.sqrt(Math.max(0f, 1f - alphaPrev - std * std));
        boolean addVariance = t > 0 && eta > 0;

        float[] z = draw(shape.size(), shape.batch(), source);
        boolean clip = config.clipSample();
        int hw = shape.pixels();
        int c = shape.channels();
        int originalBatch = original.length / (c * hw);
        int maskBatch = keepMask.length / hw;
        for (int n = 0; n < shape.batch(); n++) {
            int origBase = (n % originalBatch) * c * hw;
            int maskBase = (n % maskBatch) * hw;
            for (int ch = 0; ch < c; ch++) {
                int base = (n * c + ch) * hw;
                int epsBase = (n * outChannels + ch) * hw;
                int ob = origBase + ch * hw;
                for (int p = 0; p < hw; p++) {
                    float eps = modelOutput[epsBase + p];
                    // x0 from eps: DDIM (Song et al. 2021) Eq. 12, "predicted x_0".
                    float x0 = (sample[base + p] - sqrtBetaT * eps) / sqrtAlphaT;
                    if (clip) {
                        x0 = Math.max(-1f, Math.min(1f, x0));
                    }
                    float zi = z[base + p];
                    // Algorithm 1 line 7 in DDIM form (Eq. 12, sigma from Eq. 16 scaled by eta).
                    float unknown = sqrtAlphaPrev * x0 + direction * eps;
                    if (addVariance) {
                        unknown += std * zi;
                    }
                    // Algorithm 1 line 5 (diffusers reuses the step's draw z), then line 8.
                    float known = sqrtAlphaPrev * original[ob + p] + sqrtOneMinusAlphaPrev * zi;
                    float m = keepMask[maskBase + p];
                    prevOut[base + p] = m * known + (1f - m) * unknown;
                    x0Out[base + p] = x0;
                }
            }
        }
    }

    /**
     * Re-noises {@code sample} in place from level t to t + T//n, one draw per training step:
     * Algorithm 1 line 10, x_t ~ N(sqrt(1 - beta) x_{t-1}, beta I), applied T//n times.
     */
    public void undoStep(float[] sample, int t, Shape shape, NoiseSource source) {
        int ratio = stepRatio();
        for (int i = 0; i < ratio; i++) {
            float beta = noise.beta(t + i);
            float keep = (float) Math.sqrt(1f - beta);
            float add = (float) Math.sqrt(beta);
            float[] z = draw(shape.size(), shape.batch(), source);
            for (int p = 0; p < sample.length; p++) {
                sample[p] = keep * sample[p] + add * z[p];
            }
        }
    }

    private float[] draw(int size, int batch, NoiseSource source) {
        if (drawBuffer.length != size) {
            drawBuffer = new float[size];
        }
        source.next(drawBuffer, batch);
        return drawBuffer;
    }
}
