package org.repaintstudio.core.inpaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.sampler.SamplerRegistry;
import org.repaintstudio.core.sampler.Shape;
import org.repaintstudio.core.schedule.SchedulerConfig;

/** Every parameter is range-checked, before and after the model is read. */
class RePaintParametersTest {
    static RePaintParameters p(int steps, int jl, int jn, double eta, int samples, int every) {
        return new RePaintParameters(SamplerRegistry.byId("diffusers"), steps, jl, jn, eta, 0, samples, null, every);
    }

    @Test
    void eachBadValueGetsItsOwnSentence() {
        assertThatThrownBy(() -> p(0, 1, 1, 0, 1, 0).validate(1000)).hasMessageContaining("Steps must be between 1");
        assertThatThrownBy(() -> p(10, 10, 1, 0, 1, 0).validate(1000)).hasMessageContaining("jump length");
        assertThatThrownBy(() -> p(10, 2, 0, 0, 1, 0).validate(1000)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> p(10, 2, 2, Double.NaN, 1, 0).validate(1000)).hasMessageContaining("Eta");
        assertThatThrownBy(() -> p(10, 2, 2, 1.5, 1, 0).validate(1000)).hasMessageContaining("Eta");
        assertThatThrownBy(() -> p(10, 2, 2, 0, 17, 0).validate(1000)).hasMessageContaining("samples");
        assertThatThrownBy(() -> p(10, 2, 2, 0, 1, -1).validate(1000)).hasMessageContaining("preview");
        assertThatThrownBy(() -> p(2000, 2, 2, 0, 1, 0).validate(1000)).hasMessageContaining("model's 1000 training steps");
        assertThatCode(() -> RePaintParameters.Preset.PAPER.apply(RePaintParameters.defaults()).validate(1000))
                .doesNotThrowAnyException();
    }

    @Test
    void beforeTheModelIsReadNoBoundOf2147483647IsPrinted() {
        assertThatThrownBy(() -> p(5_000_000, 2, 2, 0, 1, 0).validateBeforeModel())
                .isInstanceOf(UserFacingException.class)
                .hasMessage("Steps must be between 1 and 100000 (and at most the model's training steps), not 5000000.");
        assertThatThrownBy(() -> p(-3, 2, 2, 0, 1, 0).validate(Integer.MAX_VALUE))
                .hasMessageNotContaining("2147483647");
    }

    @Test
    @Timeout(5)
    void aBillionResamplingsIsRefusedBeforeAnythingIsAllocated() {
        RePaintParameters absurd = p(250, 10, 1_000_000_000, 1, 1, 0);
        assertThatThrownBy(absurd::validateBeforeModel).isInstanceOf(UserFacingException.class)
                .hasMessageContaining("479,999,999,770 entries");
        assertThatThrownBy(() -> absurd.withMode(SamplerRegistry.byId("paper")).schedule(SchedulerConfig.defaults()))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("the limit is 1,000,000");
    }

    @Test
    void aModelResolutionThatCannotFitIsASentenceNotANegativeArraySize() {
        assertThatThrownBy(() -> Shape.checkModelResolution(100_000)).isInstanceOf(UserFacingException.class)
                .hasMessage("A model working at 100000×100000 pixels (1 sample) is too large: one tensor would hold "
                        + "30000000000 values.");
        assertThatCode(() -> Shape.checkModelResolution(256)).doesNotThrowAnyException();
        assertThat(new Shape(16, 3, 256, 256).size()).isEqualTo(16 * 3 * 256 * 256);
    }
}
