package org.repaintstudio.core.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import org.repaintstudio.core.TestDenoisers;
import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.schedule.NoiseSchedule;
import org.repaintstudio.core.schedule.SchedulerConfig;
import org.repaintstudio.core.task.CancelToken;

class FewerCallsSamplersTest {
    private static final SchedulerConfig CONFIG = SchedulerConfig.defaults();
    private static final Shape SHAPE = new Shape(2, 3, 8, 8);

    /** A gradient image in [-0.8, 0.8], the same for every sample. */
    private static float[] target() {
        float[] x = new float[SHAPE.sampleSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = -0.8f + 1.6f * (i % 64) / 63f;
        }
        return x;
    }

    /** The left half known, the right half to fill. */
    private static float[] leftKnown() {
        float[] keep = new float[SHAPE.pixels()];
        for (int p = 0; p < keep.length; p++) {
            keep[p] = p % 8 < 4 ? 1f : 0f;
        }
        return keep;
    }

    /**
     * The exact noise predictor for data that is always {@code target}: eps = (x_t - sqrt(ᾱ) x*) / sqrt(1 - ᾱ).
     * Any correct sampler must end on x* inside the hole as well.
     */
    private static Denoiser oracle(float[] target) {
        NoiseSchedule noise = NoiseSchedule.of(CONFIG);
        return new TestDenoisers.AnySize(3) {
            @Override
            public void predict(float[] sample, Shape shape, int t, float[] out) {
                float a = noise.alphaCumprod(t);
                for (int i = 0; i < sample.length; i++) {
                    float xs = target[i % target.length];
                    out[i] = (float) ((sample[i] - Math.sqrt(a) * xs) / Math.sqrt(1 - a));
                }
            }
        };
    }

    private static RePaintPipeline.Result run(SamplerType type, SamplingSettings s, Denoiser model, long seed) {
        float[] image = target();
        return new RePaintPipeline(model).run(new RePaintPipeline.Request(SHAPE, image, leftKnown(),
                type.create(s, CONFIG, SHAPE, 3), new SeededNoise(seed), 0), PipelineListener.NONE, CancelToken.none());
    }

    @Test
    void everyNewSamplerEndsOnTheImageAnExactDenoiserKnows() {
        SamplingSettings s = new SamplingSettings(20, 5, 3, 1.0, null);
        float[] want = target();
        for (String id : new String[] {"resample-late", "partial-start", "ddnm", "ddnm@0.5", "partial-start@0.3",
            "resample-early", "ddnm-partial-start", "ddnm-partial-start@0.3"}) {
            RePaintPipeline.Result r = run(SamplerRegistry.byId(id), s, oracle(want), 7);
            for (int i = 0; i < r.samples().length; i++) {
                assertThat(r.samples()[i]).as(id + " value " + i).isCloseTo(want[i % want.length], within(2e-3f));
            }
        }
    }

    @Test
    void atFullStrengthAndFullResamplingTheyAreDiffusersModeBitForBit() {
        SamplingSettings s = new SamplingSettings(20, 5, 3, 1.0, null);
        Denoiser model = oracle(new float[SHAPE.sampleSize()]);
        float[] diffusers = run(SamplerRegistry.byId("diffusers"), s, model, 3).samples();
        assertThat(run(new LateResamplingMode(1.0), s, model, 3).samples()).containsExactly(diffusers);
        assertThat(run(new PartialStartMode(1.0), s, model, 3).samples()).containsExactly(diffusers);
        assertThat(run(new EarlyResamplingMode(1.0), s, model, 3).samples()).containsExactly(diffusers);
        float[] ddnm = run(new DdnmMode(1.0), s, model, 3).samples();
        assertThat(ddnm).isNotEqualTo(diffusers);
        assertThat(run(new DdnmPartialStartMode(1.0), s, model, 3).samples()).containsExactly(ddnm);
    }

    @Test
    void theyCostFewerCallsAsTheirValueShrinks() {
        SamplingSettings s = new SamplingSettings(50, 5, 4, 1.0, null);
        int full = SamplerRegistry.byId("diffusers").schedule(s, CONFIG).denoiseCount();
        assertThat(full).isEqualTo(50 + 9 * 3 * 5);
        assertThat(SamplerRegistry.byId("resample-late@0.4").schedule(s, CONFIG).denoiseCount()).isEqualTo(110);
        // DDNM's time travel in the top 40%: jumps from 30, 35 and 40.
        assertThat(SamplerRegistry.byId("ddnm@0.4").schedule(s, CONFIG).denoiseCount()).isEqualTo(50 + 3 * 3 * 5);
        // The top half: jumps from 25, 30, 35 and 40 only, each undo above index 25.
        org.repaintstudio.core.schedule.TimestepSchedule early = SamplerRegistry.byId("resample-early@0.5").schedule(s, CONFIG);
        assertThat(early.denoiseCount()).isEqualTo(50 + 4 * 3 * 5);
        for (int e = 0; e < early.size(); e++) {
            if (early.kind(e) == org.repaintstudio.core.schedule.StepKind.UNDO) {
                assertThat(early.value(e)).isGreaterThan(25 * 20);
            }
        }
        assertThat(SamplerRegistry.byId("ddnm").schedule(s, CONFIG).denoiseCount()).isEqualTo(full);
        // Strength 0.5: 25 steps, and the jumps from 0, 5, 10, 15 that stay below the start (index 24).
        assertThat(SamplerRegistry.byId("partial-start@0.5").schedule(s, CONFIG).denoiseCount()).isEqualTo(25 + 4 * 3 * 5);
        assertThat(SamplerRegistry.byId("ddnm-partial-start@0.5").schedule(s, CONFIG).denoiseCount())
                .isEqualTo(25 + 4 * 3 * 5);
    }

    @Test
    void aPartialStartBeginsFromTheNoisedFillNotFromPureNoise() {
        SamplingSettings s = new SamplingSettings(20, 5, 1, 1.0, null);
        for (SamplerType type : new SamplerType[] {new PartialStartMode(0.05), new DdnmPartialStartMode(0.05)}) {
            RePaintSampler sampler = type.create(s, CONFIG, SHAPE, 3);
            float[] x = new float[SHAPE.size()];
            sampler.start(x, target(), leftKnown(), SHAPE, new SeededNoise(1));
            // Strength 0.05 of 20 steps starts at t = 0: ᾱ_0 is 0.9999, so x is the image to within 0.05.
            float[] want = target();
            for (int p = 0; p < SHAPE.pixels(); p++) {
                if (p % 8 < 4) {
                    assertThat(x[p]).as(type.id()).isCloseTo(want[p], within(0.05f));
                }
            }
        }
    }

    @Test
    void valuesAreParsedFromTheIdAndRoundTrip() {
        assertThat(SamplerRegistry.all()).extracting(SamplerType::id)
                .containsExactly("diffusers", "paper", "resample-late", "partial-start", "ddnm", "resample-early",
                        "ddnm-partial-start");
        assertThat(SamplerRegistry.byId("Resample-Late@0.3").id()).isEqualTo("resample-late@0.3");
        assertThat(SamplerRegistry.byId("resample-late@0.3")).isEqualTo(new LateResamplingMode(0.3));
        assertThat(SamplerRegistry.byId("resample-late@0.5").id()).isEqualTo("resample-late");
        assertThatThrownBy(() -> SamplerRegistry.byId("diffusers@0.3")).isInstanceOf(UserFacingException.class)
                .hasMessage("The sampling mode 'diffusers' takes no @value.");
        assertThatThrownBy(() -> SamplerRegistry.byId("ddnm@x")).isInstanceOf(UserFacingException.class)
                .hasMessage("The value after '@' in 'ddnm@x' is not a number.");
        assertThatThrownBy(() -> SamplerRegistry.byId("partial-start@0")).isInstanceOf(UserFacingException.class);
    }
}
