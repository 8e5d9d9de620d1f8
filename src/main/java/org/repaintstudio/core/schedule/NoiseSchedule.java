package org.repaintstudio.core.schedule;

import org.repaintstudio.core.UserFacingException;

/**
 * Betas, alphas and cumulative alphas of a DDPM forward process, computed in float32 exactly as
 * diffusers' schedulers (torch 1.13 CPU) compute them, so downstream arithmetic matches bit for bit.
 */
public final class NoiseSchedule {
    private final float[] betas;
    private final float[] alphas;
    private final float[] alphasCumprod;

    private NoiseSchedule(float[] betas) {
        for (int i = 0; i < betas.length; i++) {
            if (!(betas[i] > 0f && betas[i] < 1f)) {
                throw new UserFacingException("Beta " + i + " is " + betas[i] + "; every beta must lie in (0, 1).");
            }
        }
        this.betas = betas;
        this.alphas = new float[betas.length];
        this.alphasCumprod = new float[betas.length];
        // torch.cumprod on CPU accumulates float32 inputs in double and rounds each output.
        double running = 1.0;
        for (int i = 0; i < betas.length; i++) {
            alphas[i] = 1f - betas[i];
            running *= alphas[i];
            alphasCumprod[i] = (float) running;
        }
    }

    public static NoiseSchedule of(SchedulerConfig config) {
        if (config.trainedBetas() != null) {
            return fromBetas(config.trainedBetas());
        }
        int n = config.numTrainTimesteps();
        float start = (float) config.betaStart();
        float end = (float) config.betaEnd();
        return switch (config.betaSchedule()) {
            case LINEAR -> new NoiseSchedule(torchLinspace(start, end, n));
            case SCALED_LINEAR -> {
                float[] roots = torchLinspace((float) Math.sqrt(config.betaStart()), (float) Math.sqrt(config.betaEnd()), n);
                for (int i = 0; i < n; i++) {
                    roots[i] = roots[i] * roots[i];
                }
                yield new NoiseSchedule(roots);
            }
            case SQUAREDCOS_CAP_V2 -> new NoiseSchedule(cosineBetas(n));
            case SIGMOID -> {
                float[] x = torchLinspace(-6f, 6f, n);
                // diffusers multiplies by the Python float (end - start), which torch casts to float32.
                float range = (float) (config.betaEnd() - config.betaStart());
                for (int i = 0; i < n; i++) {
                    float sigmoid = 1f / (1f + (float) Math.exp(-(double) x[i]));
                    x[i] = sigmoid * range + start;
                }
                yield new NoiseSchedule(x);
            }
        };
    }

    public static NoiseSchedule fromBetas(float[] betas) {
        if (betas.length < 2) {
            throw new UserFacingException("trained_betas must hold at least 2 values.");
        }
        return new NoiseSchedule(betas.clone());
    }

    /**
     * torch.linspace for float32 on CPU (torch 1.13, AVX2 build): the first half counts up from the
     * start and the second half down from the end; full 16-element chunks are vectorised as
     * {@code fma(step, blockStart, start) + i * step}, and the tail is computed per element with an FMA.
     */
    static float[] torchLinspace(float start, float end, int steps) {
        float[] out = new float[steps];
        if (steps == 1) {
            out[0] = start;
            return out;
        }
        float step = (end - start) / (float) (steps - 1);
        int halfway = steps / 2;
        int vectorised = (steps / 16) * 16;
        for (int i = 0; i < steps; i++) {
            if (i >= vectorised) {
                out[i] = i < halfway ? Math.fma(step, (float) i, start) : Math.fma(-step, (float) (steps - i - 1), end);
            } else {
                int block = i - i % 8;
                float base = block < halfway
                        ? Math.fma(step, (float) block, start)
                        : Math.fma(-step, (float) (steps - block - 1), end);
                out[i] = base + (float) (i - block) * step;
            }
        }
        return out;
    }

    /** diffusers' betas_for_alpha_bar with the cosine alpha-bar, in double, then cast to float32. */
    private static float[] cosineBetas(int n) {
        float[] betas = new float[n];
        for (int i = 0; i < n; i++) {
            double t1 = (double) i / n;
            double t2 = (double) (i + 1) / n;
            betas[i] = (float) Math.min(1 - cosineAlphaBar(t2) / cosineAlphaBar(t1), 0.999);
        }
        return betas;
    }

    private static double cosineAlphaBar(double t) {
        double c = Math.cos((t + 0.008) / 1.008 * Math.PI / 2);
        return c * c;
    }

    public int numTrainTimesteps() {
        return betas.length;
    }

    public float beta(int t) {
        return betas[t];
    }

    public float alpha(int t) {
        return alphas[t];
    }

    public float alphaCumprod(int t) {
        return alphasCumprod[t];
    }

    public float[] betas() {
        return betas.clone();
    }

    public float[] alphasCumprod() {
        return alphasCumprod.clone();
    }
}
