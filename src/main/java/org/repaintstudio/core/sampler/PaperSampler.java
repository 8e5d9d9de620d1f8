package org.repaintstudio.core.sampler;

import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.schedule.OriginalJumpSchedule;
import org.repaintstudio.core.schedule.Respacing;
import org.repaintstudio.core.schedule.SchedulerConfig;
import org.repaintstudio.core.schedule.SchedulerConfig.VarianceType;
import org.repaintstudio.core.schedule.TimestepSchedule;

/**
 * RePaint as the paper's code (andreas128/RePaint, guided-diffusion) samples, unlike diffusers:
 * <ul>
 *   <li>the process is respaced to n steps (guided-diffusion's space_timesteps) with betas
 *       {@code 1 - a[s_i] / a[s_{i-1}]}, and the model sees the kept training step;</li>
 *   <li>the schedule is {@code get_schedule_jump} over respaced indices, and the model is evaluated at
 *       the start of each decreasing transition a to a-1;</li>
 *   <li>a denoising step draws from the DDPM posterior: mean from the clipped x0 estimate, variance
 *       fixed small, fixed large, or learned range (interpolated by the model's channels 4-6);</li>
 *   <li>after each denoising step the known region is the original noised to the new level with a
 *       fresh draw (diffusers reuses the step's draw), so a step makes two draws;</li>
 *   <li>an undo is one respaced transition with one draw (diffusers: T/n single steps).</li>
 * </ul>
 * As in diffusers' pipeline, the final sample has the known pixels pasted back exactly.
 */
public final class PaperSampler implements RePaintSampler {
    private final TimestepSchedule schedule;
    private final int[] timestepMap;
    private final VarianceType variance;
    // Per respaced index, computed in double as guided-diffusion does, used as float32.
    private final float[] sqrtRecipAlphaBar;
    private final float[] sqrtRecipM1AlphaBar;
    private final float[] meanCoefX0;
    private final float[] meanCoefXt;
    private final float[] logVarSmall;
    private final float[] logVarLarge;
    private final float[] logBeta;
    private final float[] sqrtAlphaBar;
    private final float[] sqrtOneMinusAlphaBar;
    private final float[] sqrtOneMinusBeta;
    private final float[] sqrtBeta;
    private final float[] drawVariance;
    private final float[] drawKnown;

    public PaperSampler(SchedulerConfig config, OriginalJumpSchedule jumps, VarianceType variance, Shape shape) {
        this.variance = variance;
        this.schedule = jumps.toTransitions();
        int n = jumps.tT();
        this.timestepMap = Respacing.usedTimesteps(config.numTrainTimesteps(), n);
        double[] base = Respacing.baseBetas(config);
        double[] baseAlphaBar = new double[base.length];
        double run = 1;
        for (int i = 0; i < base.length; i++) {
            run *= 1 - base[i];
            baseAlphaBar[i] = run;
        }
        double[] beta = new double[n];
        double[] alphaBar = new double[n];
        double last = 1;
        for (int i = 0; i < n; i++) {
            alphaBar[i] = baseAlphaBar[timestepMap[i]];
            beta[i] = 1 - alphaBar[i] / last;
            last = alphaBar[i];
        }
        double[] posteriorVar = new double[n];
        sqrtRecipAlphaBar = new float[n];
        sqrtRecipM1AlphaBar = new float[n];
        meanCoefX0 = new float[n];
        meanCoefXt = new float[n];
        logBeta = new float[n];
        sqrtAlphaBar = new float[n];
        sqrtOneMinusAlphaBar = new float[n];
        sqrtOneMinusBeta = new float[n];
        sqrtBeta = new float[n];
        for (int i = 0; i < n; i++) {
            double prev = i == 0 ? 1.0 : alphaBar[i - 1];
            posteriorVar[i] = beta[i] * (1 - prev) / (1 - alphaBar[i]);
            sqrtRecipAlphaBar[i] = (float) Math.sqrt(1 / alphaBar[i]);
            sqrtRecipM1AlphaBar[i] = (float) Math.sqrt(1 / alphaBar[i] - 1);
            meanCoefX0[i] = (float) (beta[i] * Math.sqrt(prev) / (1 - alphaBar[i]));
            meanCoefXt[i] = (float) ((1 - prev) * Math.sqrt(1 - beta[i]) / (1 - alphaBar[i]));
            logBeta[i] = (float) Math.log(beta[i]);
            sqrtAlphaBar[i] = (float) Math.sqrt(alphaBar[i]);
            sqrtOneMinusAlphaBar[i] = (float) Math.sqrt(1 - alphaBar[i]);
            sqrtOneMinusBeta[i] = (float) Math.sqrt(1 - beta[i]);
            sqrtBeta[i] = (float) Math.sqrt(beta[i]);
        }
        logVarSmall = new float[n];
        logVarLarge = new float[n];
        // The posterior variance is 0 at index 0, so both logs use index 1 there, as guided-diffusion does.
        double firstUsable = n > 1 ? posteriorVar[1] : beta[0];
        for (int i = 0; i < n; i++) {
            logVarSmall[i] = (float) Math.log(i == 0 ? firstUsable : posteriorVar[i]);
            logVarLarge[i] = (float) Math.log(i == 0 ? firstUsable : beta[i]);
        }
        drawVariance = new float[shape.size()];
        drawKnown = new float[shape.size()];
    }

    @Override
    public boolean acceptsOutputChannels(int channels) {
        return variance == VarianceType.LEARNED_RANGE ? channels == 6 : channels == 3 || channels == 6;
    }

    @Override
    public TimestepSchedule schedule() {
        return schedule;
    }

    @Override
    public int modelTimestep(int entry) {
        return timestepMap[schedule.value(entry)];
    }

    @Override
    public void denoise(int entry, float[] modelOutput, int outChannels, float[] x, float[] original, float[] keepMask,
                        Shape shape, NoiseSource noise, float[] x0Out) {
        if (variance == VarianceType.LEARNED_RANGE && outChannels != 6) {
            throw new UserFacingException("The learned-range variance needs a model with 6 output channels; this one has "
                    + outChannels + ".");
        }
        int a = schedule.value(entry);
        int b = a - 1;
        // Algorithm 1 line 6: z ~ N(0, I) for the unknown region; line 4: a fresh draw for the known one.
        noise.next(drawVariance, shape.batch());
        boolean knownNoise = b >= 0;
        if (knownNoise) {
            noise.next(drawKnown, shape.batch());
        }
        float recip = sqrtRecipAlphaBar[a];
        float recipM1 = sqrtRecipM1AlphaBar[a];
        float cX0 = meanCoefX0[a];
        float cXt = meanCoefXt[a];
        float minLog = logVarSmall[a];
        float maxLog = logBeta[a];
        float fixedStd = (float) Math.exp(0.5 * (variance == VarianceType.FIXED_LARGE ? logVarLarge[a] : logVarSmall[a]));
        float knownScale = knownNoise ? sqrtAlphaBar[b] : 1f;
        float knownNoiseScale = knownNoise ? sqrtOneMinusAlphaBar[b] : 0f;
        int hw = shape.pixels();
        int c = shape.channels();
        int originalBatch = original.length / (c * hw);
        int maskBatch = keepMask.length / hw;
        for (int s = 0; s < shape.batch(); s++) {
            int origBase = (s % originalBatch) * c * hw;
            int maskBase = (s % maskBatch) * hw;
            for (int ch = 0; ch < c; ch++) {
                int base = (s * c + ch) * hw;
                int epsBase = (s * outChannels + ch) * hw;
                int varBase = (s * outChannels + c + ch) * hw;
                int ob = origBase + ch * hw;
                for (int p = 0; p < hw; p++) {
                    float xt = x[base + p];
                    // x0 from eps (DDPM, Ho et al. 2020, Eq. 15), clipped as guided-diffusion does.
                    float x0 = recip * xt - recipM1 * modelOutput[epsBase + p];
                    x0 = Math.max(-1f, Math.min(1f, x0));
                    // Algorithm 1 line 7: the posterior q(x_{t-1} | x_t, x0) (DDPM Eqs. 6-7) with
                    // fixed or learned variance (Nichol & Dhariwal 2021, Eq. 15).
                    float mean = cX0 * x0 + cXt * xt;
                    float next = mean;
                    if (a > 0) {
                        float std = fixedStd;
                        if (variance == VarianceType.LEARNED_RANGE) {
                            float frac = (modelOutput[varBase + p] + 1f) / 2f;
                            std = (float) Math.exp(0.5f * (frac * maxLog + (1f - frac) * minLog));
                        }
                        next = mean + std * drawVariance[base + p];
                    }
                    // Algorithm 1 lines 5 and 8: the known region noised to level t-1, then
                    // x_{t-1} = m * x_known + (1 - m) * x_unknown.
                    float m = keepMask[maskBase + p];
                    if (m != 0f) {
                        float known = knownNoise
                                ? knownScale * original[ob + p] + knownNoiseScale * drawKnown[base + p]
                                : original[ob + p];
                        next = m * known + (1f - m) * next;
                    }
                    x[base + p] = next;
                    x0Out[base + p] = x0;
                }
            }
        }
    }

    @Override
    public void undo(int entry, float[] x, Shape shape, NoiseSource noise) {
        // Algorithm 1 line 10: x_t ~ N(sqrt(1 - beta) x_{t-1}, beta I), one respaced transition a to a+1
        // with the respaced beta of a+1.
        int target = schedule.value(entry) + 1;
        noise.next(drawVariance, shape.batch());
        float keep = sqrtOneMinusBeta[target];
        float add = sqrtBeta[target];
        for (int p = 0; p < x.length; p++) {
            x[p] = keep * x[p] + add * drawVariance[p];
        }
    }

    /** The training step the model sees for each respaced index. */
    public int[] timestepMap() {
        return timestepMap.clone();
    }
}
