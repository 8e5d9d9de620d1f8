package org.repaintstudio.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.inpaint.RePaintParameters;

class ScheduleTest {

    @Test
    void paperDefaultsMake2410ModelCalls() {
        TimestepSchedule s = TimestepSchedule.fromDiffusersTimesteps(DiffusersResampling.timesteps(250, 10, 10, 1000));
        assertThat(s.size()).isEqualTo(4570);
        assertThat(s.denoiseCount()).isEqualTo(2410);
        assertThat(s.undoCount()).isEqualTo(2160);
        assertThat(s.value(0)).isEqualTo(996);
        assertThat(s.value(s.size() - 1)).isZero();
    }

    @Test
    void originalScheduleAgreesWithDiffusersOnTheIndexSequence() {
        int[] original = OriginalJumpSchedule.of(250, 1, 10, 10).times();
        int[] diffusers = DiffusersResampling.timesteps(250, 10, 10, 1000);
        assertThat(original).hasSize(diffusers.length + 1);
        for (int i = 0; i < diffusers.length; i++) {
            assertThat(original[i] * 4).isEqualTo(diffusers[i]);
        }
        TimestepSchedule transitions = OriginalJumpSchedule.of(250, 1, 10, 10).toTransitions();
        assertThat(transitions.denoiseCount()).isEqualTo(2410);
    }

    @Test
    void invalidDiffusersArgumentsGetClearErrors() {
        assertThatThrownBy(() -> DiffusersResampling.timesteps(0, 10, 10, 1000))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("steps");
        assertThatThrownBy(() -> DiffusersResampling.timesteps(50, 0, 10, 1000))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("jump length");
        assertThatThrownBy(() -> DiffusersResampling.timesteps(50, 5, 0, 1000))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("jump n sample");
    }

    @Test
    void invalidOriginalArgumentsGetClearErrors() {
        assertThatThrownBy(() -> OriginalJumpSchedule.of(0, 1, 10, 10)).hasMessageContaining("t_T");
        assertThatThrownBy(() -> OriginalJumpSchedule.of(50, 1, 0, 10)).hasMessageContaining("jump_length");
        assertThatThrownBy(() -> new OriginalJumpSchedule(50, 1, 5, 2, 0, 1, 1, 1, OriginalJumpSchedule.ALWAYS))
                .hasMessageContaining("jump2_length");
        assertThatThrownBy(() -> OriginalJumpSchedule.of(50, 0, 5, 2)).hasMessageContaining("n_sample");
    }

    @Test
    void userParametersAreRangeChecked() {
        RePaintParameters ok = RePaintParameters.defaults();
        ok.validate(1000);
        assertThatThrownBy(() -> new RePaintParameters(org.repaintstudio.core.sampler.SamplerRegistry.byId("diffusers"), 50, 50, 10, 0, 0, 1, null, 0)
                .validate(1000)).hasMessage("The jump length must be at least 1 and below the number of steps (50), not 50.");
        assertThatThrownBy(() -> new RePaintParameters(org.repaintstudio.core.sampler.SamplerRegistry.byId("diffusers"), 50, 5, 10, -0.1, 0, 1, null, 0)
                .validate(1000)).hasMessageContaining("Eta must be between 0 and 1");
        assertThatThrownBy(() -> new RePaintParameters(org.repaintstudio.core.sampler.SamplerRegistry.byId("diffusers"), 2000, 5, 10, 0, 0, 1, null, 0)
                .validate(1000)).hasMessageContaining("1000 training steps");
        assertThatThrownBy(() -> new RePaintParameters(org.repaintstudio.core.sampler.SamplerRegistry.byId("diffusers"), 50, 5, 10, 0, 0, 0, null, 0)
                .validate(1000)).hasMessageContaining("samples");
    }

    @Test
    void respacingMatchesGuidedDiffusion() {
        int[] used = Respacing.usedTimesteps(1000, 250);
        assertThat(used).hasSize(250);
        assertThat(used[0]).isZero();
        assertThat(used[249]).isEqualTo(999);
        assertThat(Respacing.usedTimesteps(1000, 1000)).hasSize(1000);
        assertThatThrownBy(() -> Respacing.usedTimesteps(100, 250)).isInstanceOf(UserFacingException.class);
    }

    @Test
    void presetsHaveIncreasingCost() {
        SchedulerConfig c = SchedulerConfig.defaults();
        int fast = RePaintParameters.Preset.FAST.apply(RePaintParameters.defaults()).modelCalls(c);
        int balanced = RePaintParameters.Preset.BALANCED.apply(RePaintParameters.defaults()).modelCalls(c);
        int paper = RePaintParameters.Preset.PAPER.apply(RePaintParameters.defaults()).modelCalls(c);
        assertThat(fast).isLessThan(balanced);
        assertThat(balanced).isLessThan(paper);
        assertThat(paper).isEqualTo(2410);
    }
}
