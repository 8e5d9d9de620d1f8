package org.repaintstudio.core.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.schedule.SchedulerConfig;

class SamplerRegistryTest {
    @Test
    void bothSamplersAreRegisteredInOrderWithIdsAndLabels() {
        assertThat(SamplerRegistry.all()).extracting(SamplerType::id).startsWith("diffusers", "paper");
        assertThat(SamplerRegistry.defaultType().id()).isEqualTo("diffusers");
        assertThat(SamplerRegistry.byId("PAPER")).isInstanceOf(PaperMode.class);
        assertThat(SamplerRegistry.byId(" diffusers ").label()).isEqualTo("diffusers (RePaintScheduler)");
        assertThat(SamplerRegistry.byId("paper").label()).isEqualTo("paper (original code)");
        assertThat(SamplerRegistry.all()).allSatisfy(t -> assertThat(t.description()).startsWith(t.id() + ": "));
    }

    @Test
    void anUnknownIdIsOneSentenceNamingTheChoices() {
        assertThatThrownBy(() -> SamplerRegistry.byId("foo")).isInstanceOf(UserFacingException.class)
                .hasMessage("Unknown sampling mode 'foo'; use one of: " + SamplerRegistry.ids() + ".")
                .hasMessageStartingWith("Unknown sampling mode 'foo'; use one of: diffusers, paper, ");
        assertThatThrownBy(() -> SamplerRegistry.byId(null)).isInstanceOf(UserFacingException.class);
    }

    @Test
    void eachSamplerBuildsItsOwnScheduleAndChecksItsParameters() {
        SchedulerConfig config = SchedulerConfig.defaults();
        SamplingSettings s = new SamplingSettings(250, 10, 10, 1.0, null);
        // The paper's 250/10/10: 2,410 UNet calls in diffusers mode; paper mode evaluates one entry higher.
        assertThat(SamplerRegistry.byId("diffusers").schedule(s, config).denoiseCount()).isEqualTo(2410);
        assertThat(SamplerRegistry.byId("paper").schedule(s, config).denoiseCount()).isGreaterThan(2000);
        Shape shape = new Shape(1, 3, 8, 8);
        assertThat(SamplerRegistry.byId("diffusers").create(s, config, shape, 3)).isInstanceOf(DiffusersSampler.class);
        assertThat(SamplerRegistry.byId("paper").create(s, config, shape, 6)).isInstanceOf(PaperSampler.class);
        for (SamplerType t : SamplerRegistry.all()) {
            assertThatThrownBy(() -> t.check(new SamplingSettings(20, 20, 1, 0, null), 1000))
                    .isInstanceOf(UserFacingException.class).hasMessageStartingWith("The jump length");
            assertThatThrownBy(() -> t.check(new SamplingSettings(20, 2, 1, 1.5, null), 1000))
                    .isInstanceOf(UserFacingException.class).hasMessageStartingWith("Eta must be");
        }
    }
}
