package org.repaintstudio.core.inpaint;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.sampler.RePaintSampler;
import org.repaintstudio.core.sampler.SamplerRegistry;
import org.repaintstudio.core.sampler.SamplerType;
import org.repaintstudio.core.sampler.SamplingSettings;
import org.repaintstudio.core.sampler.Shape;
import org.repaintstudio.core.schedule.DiffusersResampling;
import org.repaintstudio.core.schedule.OriginalJumpSchedule;
import org.repaintstudio.core.schedule.ScheduleLimits;
import org.repaintstudio.core.schedule.SchedulerConfig;
import org.repaintstudio.core.schedule.SchedulerConfig.VarianceType;
import org.repaintstudio.core.schedule.TimestepSchedule;

/**
 * What a user chooses for one RePaint run. {@code variance} applies to paper mode only; null picks
 * learned range for 6-channel models and the checkpoint's own variance type otherwise.
 */
public record RePaintParameters(
        SamplerType mode,
        int steps,
        int jumpLength,
        int jumpNSample,
        double eta,
        long seed,
        int samples,
        VarianceType variance,
        int previewEvery) {

    public static final int MAX_SAMPLES = 16;

    /** What Fast and Balanced do on narrow holes ({@link HoleAdvisor}), for their descriptions. */
    private static final String NARROW_HOLES = "narrow holes such as strokes start part-way down from a smooth fill "
            + "instead (" + HoleAdvisor.NARROW_STEPS + " steps from " + (int) (HoleAdvisor.NARROW_STRENGTH * 100)
            + "% noise)";

    /**
     * Named presets, each a sampler and its schedule, chosen from the measured quality-versus-calls
     * curve (docs/quality-vs-calls.md). Paper is the paper's 250 steps, jump length 10, 10
     * resamplings. All use eta 1 (full DDPM noise, as the paper samples): on held-out emoji it beat
     * diffusers' default eta 0 on every mask (docs/emoji-64.md), most on the large ones.
     */
    public enum Preset {
        FAST("Fast", "ddnm", 50, 5, 2, "the best measured point at 120 calls or fewer; " + NARROW_HOLES),
        BALANCED("Balanced", "ddnm", 100, 10, 5, "the default; better than diffusers' step at the same calls; "
                + NARROW_HOLES),
        PAPER("Paper", "diffusers", 250, 10, 10, "the RePaint paper's schedule; best harmony, slowest");

        /** The presets' eta; diffusers' own default is 0. */
        public static final double ETA = 1.0;

        /** The preset the app starts with and {@code inpaint} uses without {@code --preset}. */
        public static final Preset DEFAULT = BALANCED;

        private final String label;
        private final String samplerId;
        private final int steps;
        private final int jumpLength;
        private final int jumpNSample;
        private final String purpose;

        Preset(String label, String samplerId, int steps, int jumpLength, int jumpNSample, String purpose) {
            this.label = label;
            this.samplerId = samplerId;
            this.steps = steps;
            this.jumpLength = jumpLength;
            this.jumpNSample = jumpNSample;
            this.purpose = purpose;
        }

        public double eta() {
            return ETA;
        }

        public String label() {
            return label;
        }

        /** The sampler the preset runs (presets set the mode too). */
        public SamplerType mode() {
            return SamplerRegistry.byId(samplerId);
        }

        public int steps() {
            return steps;
        }

        public int jumpLength() {
            return jumpLength;
        }

        public int jumpNSample() {
            return jumpNSample;
        }

        /** UNet calls per run for a model with the usual 1,000 training steps: the cost users compare. */
        public int calls() {
            return mode().schedule(new SamplingSettings(steps, jumpLength, jumpNSample, ETA, null),
                    SchedulerConfig.defaults()).denoiseCount();
        }

        /** "Fast · 110 calls", for buttons and lists. */
        public String labelWithCalls() {
            return String.format(Locale.ROOT, "%s · %,d calls", label, calls());
        }

        /** One sentence for tooltips and help: sampler, schedule, eta, calls and what it is for. */
        public String description() {
            return String.format(Locale.ROOT, "%s: %s, %d steps, jump length %d, %d resamplings, eta %s; %,d UNet calls "
                    + "(1,000-step models); %s.", label, mode().id(), steps, jumpLength, jumpNSample, ETA, calls(), purpose);
        }

        /** Whether {@code p} runs this preset's sampler and schedule. */
        public boolean matches(RePaintParameters p) {
            return p.mode() != null && p.mode().equals(mode()) && p.steps() == steps && p.jumpLength() == jumpLength
                    && p.jumpNSample() == jumpNSample && Math.abs(p.eta() - ETA) < 1e-9;
        }

        public RePaintParameters apply(RePaintParameters p) {
            return new RePaintParameters(mode(), steps, jumpLength, jumpNSample, eta(), p.seed, p.samples, p.variance,
                    p.previewEvery);
        }

        public static Preset fromId(String id) {
            for (Preset p : values()) {
                if (p.name().equalsIgnoreCase(id.trim()) || p.label.equalsIgnoreCase(id.trim())) {
                    return p;
                }
            }
            throw new UserFacingException("Unknown preset '" + id + "'; use one of: " + ids() + ".");
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** "fast, balanced, paper" for help text. */
        public static String ids() {
            return Arrays.stream(values()).map(Preset::id).collect(Collectors.joining(", "));
        }

        /** "fast diffusers 50/5/2 (95 calls), ..." for help text. */
        public static String summary() {
            return Arrays.stream(values()).map(p -> String.format(Locale.ROOT, "%s %s %d/%d/%d (%,d calls)", p.id(),
                            p.mode().id(), p.steps, p.jumpLength, p.jumpNSample, p.calls()))
                    .collect(Collectors.joining(", ")) + ", all eta " + ETA + " (default " + DEFAULT.id() + ")";
        }
    }

    /** The default preset (its sampler and schedule), seed 0, one sample, a preview every 5 calls. */
    public static RePaintParameters defaults() {
        Preset p = Preset.DEFAULT;
        return new RePaintParameters(p.mode(), p.steps(), p.jumpLength(), p.jumpNSample(), p.eta(), 0L, 1, null, 5);
    }

    public RePaintParameters withSeed(long s) {
        return new RePaintParameters(mode, steps, jumpLength, jumpNSample, eta, s, samples, variance, previewEvery);
    }

    public RePaintParameters withSamples(int n) {
        return new RePaintParameters(mode, steps, jumpLength, jumpNSample, eta, seed, n, variance, previewEvery);
    }

    public RePaintParameters withEta(double e) {
        return new RePaintParameters(mode, steps, jumpLength, jumpNSample, e, seed, samples, variance, previewEvery);
    }

    public RePaintParameters withMode(SamplerType m) {
        return new RePaintParameters(m, steps, jumpLength, jumpNSample, eta, seed, samples, variance, previewEvery);
    }

    public RePaintParameters withPreviewEvery(int k) {
        return new RePaintParameters(mode, steps, jumpLength, jumpNSample, eta, seed, samples, variance, k);
    }

    /** The sampler's share of the parameters. */
    public SamplingSettings sampling() {
        return new SamplingSettings(steps, jumpLength, jumpNSample, eta, variance);
    }

    /**
     * Checks the values against a model's training steps; each problem is one clear sentence.
     * {@code Integer.MAX_VALUE} means the model is not read yet (see {@link #validateBeforeModel()}).
     */
    public void validate(int numTrainTimesteps) {
        boolean modelKnown = numTrainTimesteps != Integer.MAX_VALUE;
        if (mode == null) {
            throw new UserFacingException("Choose a sampling mode: " + SamplerRegistry.ids() + ".");
        }
        if (modelKnown && (steps < 1 || steps > numTrainTimesteps)) {
            throw new UserFacingException("Steps must be between 1 and the model's " + numTrainTimesteps
                    + " training steps, not " + steps + ".");
        }
        if (!modelKnown && (steps < 1 || steps > ScheduleLimits.MAX_TRAIN_TIMESTEPS)) {
            throw new UserFacingException("Steps must be between 1 and " + ScheduleLimits.MAX_TRAIN_TIMESTEPS
                    + " (and at most the model's training steps), not " + steps + ".");
        }
        if (jumpLength < 1 || jumpLength >= steps) {
            throw new UserFacingException("The jump length must be at least 1 and below the number of steps ("
                    + steps + "), not " + jumpLength + ".");
        }
        if (jumpNSample < 1) {
            throw new UserFacingException("Jump n sample (resamplings) must be at least 1, not " + jumpNSample + ".");
        }
        int effective = modelKnown ? Math.min(steps, numTrainTimesteps) : steps;
        ScheduleLimits.checkLength(ScheduleLimits.diffusersLength(effective, jumpLength, jumpNSample),
                String.format(Locale.ROOT, "%d steps with jump length %d and %d resamplings", steps, jumpLength,
                        jumpNSample));
        if (!(eta >= 0 && eta <= 1)) {
            throw new UserFacingException("Eta must be between 0 and 1, not " + eta + ".");
        }
        mode.check(sampling(), numTrainTimesteps);
        if (samples < 1 || samples > MAX_SAMPLES) {
            throw new UserFacingException("The number of samples must be between 1 and " + MAX_SAMPLES + ", not "
                    + samples + ".");
        }
        if (previewEvery < 0) {
            throw new UserFacingException("The preview interval cannot be negative.");
        }
    }

    /** Every check that does not need the model, before it is read (its training steps are unknown). */
    public void validateBeforeModel() {
        validate(Integer.MAX_VALUE);
    }

    /** The schedule this run will walk, for plotting before it starts. */
    public TimestepSchedule schedule(SchedulerConfig config) {
        validate(config.numTrainTimesteps());
        return mode.schedule(sampling(), config);
    }

    /** UNet calls per sample batch. */
    public int modelCalls(SchedulerConfig config) {
        return schedule(config).denoiseCount();
    }

    public RePaintSampler createSampler(SchedulerConfig config, Shape shape, int modelOutputChannels) {
        validate(config.numTrainTimesteps());
        return mode.create(sampling(), config, shape, modelOutputChannels);
    }

    /** For PNG metadata and logs. */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("mode", mode.id());
        m.put("steps", Integer.toString(steps));
        m.put("jump_length", Integer.toString(jumpLength));
        m.put("jump_n_sample", Integer.toString(jumpNSample));
        m.put("eta", Double.toString(eta));
        m.put("seed", Long.toString(seed));
        m.put("samples", Integer.toString(samples));
        if (variance != null) {
            m.put("variance", variance.configName());
        }
        return m;
    }
}
