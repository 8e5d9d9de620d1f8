package org.repaintstudio.core.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import org.repaintstudio.core.TestDenoisers;
import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.schedule.OriginalJumpSchedule;
import org.repaintstudio.core.schedule.Respacing;
import org.repaintstudio.core.schedule.SchedulerConfig;
import org.repaintstudio.core.schedule.SchedulerConfig.VarianceType;
import org.repaintstudio.core.schedule.StepKind;
import org.repaintstudio.core.task.CancelToken;

class PaperSamplerTest {
    private static final Shape SHAPE = new Shape(1, 3, 4, 4);

    /** A deterministic stand-in UNet: noise 0.1·x, variance channels v. */
    private static Denoiser linearModel(int channels, float v) {
        return new TestDenoisers.AnySize(channels) {
            @Override
            public void predict(float[] sample, Shape shape, int timestep, float[] out) {
                int per = shape.pixels();
                for (int n = 0; n < shape.batch(); n++) {
                    for (int c = 0; c < channels; c++) {
                        for (int p = 0; p < per; p++) {
                            out[(n * channels + c) * per + p] = c < 3 ? 0.1f * sample[(n * 3 + c) * per + p] : v;
                        }
                    }
                }
            }
        };
    }

    @Test
    void oneDenoisingStepIsTheDdpmPosteriorDraw() {
        SchedulerConfig config = SchedulerConfig.defaults();
        PaperSampler sampler = new PaperSampler(config, OriginalJumpSchedule.of(250, 1, 10, 10),
                VarianceType.FIXED_SMALL, SHAPE);
        int entry = 0;
        int a = sampler.schedule().value(entry);
        assertThat(a).isEqualTo(249);
        assertThat(sampler.modelTimestep(entry)).isEqualTo(999);
        float[] x = {0.5f, -0.2f, 1.3f, 0f, 0.5f, -0.2f, 1.3f, 0f, 0.5f, -0.2f, 1.3f, 0f, 0.5f, -0.2f, 1.3f, 0f,
                0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f,
                -1f, -1f, -1f, -1f, -1f, -1f, -1f, -1f, -1f, -1f, -1f, -1f, -1f, -1f, -1f, -1f};
        float[] eps = new float[48];
        for (int i = 0; i < 48; i++) {
            eps[i] = 0.3f * (i % 5) - 0.6f;
        }
        float[] keep = new float[16];          // everything unknown: pure posterior step
        float[] original = new float[48];
        float[] z = new float[96];              // the variance draw, then the known-region draw
        java.util.Arrays.fill(z, 0, 48, 0.7f);
        float[] before = x.clone();
        float[] x0 = new float[48];
        sampler.denoise(entry, eps, 3, x, original, keep, SHAPE, new ReplayNoise(z, 48), x0);
        // (the known-region draw is made even though no pixel is known)

        // Re-derive in double from guided-diffusion's formulas over the respaced process.
        double[] base = Respacing.baseBetas(config);
        double run = 1;
        double[] ab = new double[1000];
        for (int i = 0; i < 1000; i++) {
            run *= 1 - base[i];
            ab[i] = run;
        }
        int[] map = Respacing.usedTimesteps(1000, 250);
        double abT = ab[map[249]];
        double abPrev = ab[map[248]];
        double beta = 1 - abT / abPrev;
        double postVar = beta * (1 - abPrev) / (1 - abT);
        for (int i = 0; i < 48; i++) {
            double x0d = Math.max(-1, Math.min(1, Math.sqrt(1 / abT) * before[i] - Math.sqrt(1 / abT - 1) * eps[i]));
            double mean = beta * Math.sqrt(abPrev) / (1 - abT) * x0d + (1 - abPrev) * Math.sqrt(1 - beta) / (1 - abT) * before[i];
            assertThat((double) x0[i]).isCloseTo(x0d, org.assertj.core.data.Offset.offset(1e-5));
            assertThat((double) x[i]).isCloseTo(mean + Math.sqrt(postVar) * 0.7, org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void knownRegionIsNoisedWithAFreshDrawAndPastedAtTheEnd() {
        SchedulerConfig config = SchedulerConfig.defaults();
        float[] image = new float[48];
        for (int i = 0; i < 48; i++) {
            image[i] = (i % 7) / 7f - 0.4f;
        }
        float[] keep = new float[16];
        for (int p = 0; p < 8; p++) {
            keep[p] = 1f;
        }
        for (VarianceType v : VarianceType.values()) {
            int channels = v == VarianceType.LEARNED_RANGE ? 6 : 3;
            PaperSampler sampler = new PaperSampler(config, OriginalJumpSchedule.of(20, 1, 5, 3), v, SHAPE);
            CountingNoise noise = new CountingNoise(new SeededNoise(4));
            RePaintPipeline.Result r = new RePaintPipeline(linearModel(channels, 0.2f)).run(
                    new RePaintPipeline.Request(SHAPE, image, keep, sampler, noise, 0),
                    PipelineListener.NONE, CancelToken.none());
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < 8; p++) {
                    assertThat(r.samples()[c * 16 + p]).isEqualTo(image[c * 16 + p]);
                }
            }
            int denoise = sampler.schedule().denoiseCount();
            int undo = sampler.schedule().undoCount();
            // 1 initial draw, 2 per denoising step except the last (no known-region noise at level -1), 1 per undo.
            assertThat(noise.draws).as(v.name()).isEqualTo(1 + 2 * denoise - 1 + undo);
            for (float f : r.samples()) {
                assertThat(Float.isFinite(f)).isTrue();
            }
        }
    }

    @Test
    void learnedRangeNeedsSixChannels() {
        PaperSampler sampler = new PaperSampler(SchedulerConfig.defaults(), OriginalJumpSchedule.of(20, 1, 5, 3),
                VarianceType.LEARNED_RANGE, SHAPE);
        assertThatThrownBy(() -> new RePaintPipeline(linearModel(3, 0)).run(
                new RePaintPipeline.Request(SHAPE, new float[48], new float[16], sampler, new SeededNoise(1), 0),
                PipelineListener.NONE, CancelToken.none()))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("3 output channels");
    }

    @Test
    void scheduleIsTheOriginalsTransitions() {
        PaperSampler sampler = new PaperSampler(SchedulerConfig.defaults(), OriginalJumpSchedule.of(250, 1, 10, 10),
                VarianceType.FIXED_LARGE, SHAPE);
        assertThat(sampler.schedule().denoiseCount()).isEqualTo(2410);
        assertThat(sampler.schedule().kind(9)).isEqualTo(StepKind.DENOISE);
        // Evaluations 249 ... 240, then the first undo from 239 (as in the original, one index above diffusers).
        assertThat(sampler.schedule().value(19)).isEqualTo(230);
        assertThat(sampler.schedule().kind(20)).isEqualTo(StepKind.UNDO);
    }

    private static final class CountingNoise implements NoiseSource {
        final NoiseSource inner;
        int draws;

        CountingNoise(NoiseSource inner) {
            this.inner = inner;
        }

        @Override
        public void next(float[] draw, int batch) {
            draws++;
            inner.next(draw, batch);
        }
    }
}
