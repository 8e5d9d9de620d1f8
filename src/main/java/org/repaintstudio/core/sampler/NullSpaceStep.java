package org.repaintstudio.core.sampler;

import org.repaintstudio.core.schedule.NoiseSchedule;

/**
 * DDNM's step for inpainting (Wang et al., ICLR 2023, Algorithm 1): the x0 estimate is made
 * consistent with the known pixels in x0 space, and the whole image then takes one posterior step
 * from it, so the known region's noise agrees with the unknown region's instead of being drawn apart
 * (RePaint's Algorithm 1 line 5). With eta 1 this is DDPM's posterior; eta scales its noise as DDIM.
 */
final class NullSpaceStep {
    private final NoiseSchedule noise;
    private final float eta;
    private final boolean clip;
    private float[] z = new float[0];

    NullSpaceStep(NoiseSchedule noise, double eta, boolean clip) {
        this.noise = noise;
        this.eta = (float) eta;
        this.clip = clip;
    }

    /** One step from timestep {@code t} to {@code prev} (prev < 0: to the clean image). */
    void step(float[] eps, int outChannels, int t, int prev, float[] x, float[] original, float[] keepMask,
              Shape shape, NoiseSource source, float[] x0Out) {
        float alphaT = noise.alphaCumprod(t);
        float alphaPrev = prev >= 0 ? noise.alphaCumprod(prev) : 1f;
        float sqrtAlphaT = (float) Math.sqrt(alphaT);
        float sqrtOneMinusAlphaT = (float) Math.sqrt(1f - alphaT);
        float sqrtAlphaPrev = (float) Math.sqrt(alphaPrev);
        float variance = ((1f - alphaPrev) / (1f - alphaT)) * (1f - alphaT / alphaPrev);
        float std = prev >= 0 ? eta * (float) Math.sqrt(Math.max(0f, variance)) : 0f;
        float direction = (float) Math.sqrt(Math.max(0f, 1f - alphaPrev - std * std));
        if (z.length != shape.size()) {
            z = new float[shape.size()];
        }
        source.next(z, shape.batch());
        int hw = shape.pixels();
        int c = shape.channels();
        int originalBatch = original.length / (c * hw);
        int maskBatch = keepMask.length / hw;
        for (int n = 0; n < shape.batch(); n++) {
            for (int ch = 0; ch < c; ch++) {
                int base = (n * c + ch) * hw;
                int epsBase = (n * outChannels + ch) * hw;
                int ob = ((n % originalBatch) * c + ch) * hw;
                int mb = (n % maskBatch) * hw;
                for (int p = 0; p < hw; p++) {
                    float xt = x[base + p];
                    // Eq. 12: x_{0|t} from the predicted noise.
                    float x0 = (xt - sqrtOneMinusAlphaT * eps[epsBase + p]) / sqrtAlphaT;
                    if (clip) {
                        x0 = Math.max(-1f, Math.min(1f, x0));
                    }
                    // Eq. 13 with A = diag(keep), A† = A: known pixels from y, the null space from x_{0|t}.
                    float m = keepMask[mb + p];
                    float fixed = m * original[ob + p] + (1f - m) * x0;
                    // Eq. 7: x_{t-1} ~ p(x_{t-1} | x_t, x̂_0), written in DDIM form with the noise
                    // implied by x_t and x̂_0 (DDIM Eq. 12; eta 1 gives DDPM's posterior).
                    float impliedEps = (xt - sqrtAlphaT * fixed) / sqrtOneMinusAlphaT;
                    x[base + p] = sqrtAlphaPrev * fixed + direction * impliedEps + std * z[base + p];
                    x0Out[base + p] = fixed;
                }
            }
        }
    }
}
