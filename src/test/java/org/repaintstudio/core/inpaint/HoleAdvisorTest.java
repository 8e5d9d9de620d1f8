package org.repaintstudio.core.inpaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.image.MaskPresets;
import org.repaintstudio.core.image.SoftMask;
import org.repaintstudio.core.sampler.PartialStartMode;

class HoleAdvisorTest {
    private static final RePaintParameters FAST = RePaintParameters.Preset.FAST.apply(RePaintParameters.defaults());

    /** A horizontal band {@code rows} pixels high across a 64² image. */
    private static SoftMask band(int rows) {
        Mask m = new Mask(64, 64);
        for (int y = 30; y < 30 + rows; y++) {
            for (int x = 0; x < 64; x++) {
                m.set(x, y, true);
            }
        }
        return SoftMask.of(m);
    }

    @Test
    void theRadiusIsTheDeepestHolePixelsDistanceToAKnownOneAtModelScale() {
        // A band 5 rows high: its middle row is 3 pixels from the known rows; the crop is the whole image.
        assertThat(HoleAdvisor.holeRadius(band(5), 64)).isCloseTo(3.0, within(1e-6));
        assertThat(HoleAdvisor.holeRadius(band(5), 32)).isCloseTo(1.5, within(1e-6));
        assertThat(HoleAdvisor.holeRadius(SoftMask.of(MaskPresets.HALF_LEFT.create(64, 64, 0)), 64)).isGreaterThan(20);
    }

    @Test
    void fastOnNarrowHolesStartsPartWayDownAndSaysSo() {
        HoleAdvisor.Advice a = HoleAdvisor.advise(band(3), FAST, 64);
        assertThat(a.changed()).isTrue();
        assertThat(a.params().mode()).isEqualTo(new PartialStartMode(HoleAdvisor.NARROW_STRENGTH));
        assertThat(a.params().steps()).isEqualTo(HoleAdvisor.NARROW_STEPS);
        assertThat(a.params().jumpLength()).isEqualTo(HoleAdvisor.NARROW_JUMP_LENGTH);
        assertThat(a.params().jumpNSample()).isEqualTo(HoleAdvisor.NARROW_RESAMPLINGS);
        assertThat(a.params().seed()).isEqualTo(FAST.seed());
        assertThat(a.note()).startsWith("Narrow holes").contains("105 UNet calls instead of " + RePaintParameters.Preset.FAST.calls());
    }

    @Test
    void theNarrowLimitIsTheRadiusInModelPixels() {
        // Bands 23 and 27 rows high: 12 and 14 pixels from their middle row to the nearest known row.
        assertThat(HoleAdvisor.advise(band(23), FAST, 64).changed()).isTrue();
        assertThat(HoleAdvisor.advise(band(27), FAST, 64).changed()).isFalse();
    }

    @Test
    void wideHolesAndOtherParametersAreLeftAsChosen() {
        assertThat(HoleAdvisor.advise(SoftMask.of(MaskPresets.HALF_LEFT.create(64, 64, 0)), FAST, 64).changed()).isFalse();
        RePaintParameters paper = RePaintParameters.Preset.PAPER.apply(RePaintParameters.defaults());
        HoleAdvisor.Advice a = HoleAdvisor.advise(band(3), paper, 64);
        assertThat(a.changed()).isFalse();
        assertThat(a.params()).isSameAs(paper);
        RePaintParameters handSet = new RePaintParameters(FAST.mode(), 60, 5, 2, 1.0, 0, 1, null, 0);
        assertThat(HoleAdvisor.advise(band(3), handSet, 64).params()).isSameAs(handSet);
    }

    @Test
    void balancedOnNarrowHolesTakesTheSameAdviceForFewerCalls() {
        RePaintParameters balanced = RePaintParameters.Preset.BALANCED.apply(RePaintParameters.defaults());
        HoleAdvisor.Advice a = HoleAdvisor.advise(band(3), balanced, 64);
        assertThat(a.params().mode()).isEqualTo(new PartialStartMode(HoleAdvisor.NARROW_STRENGTH));
        assertThat(a.note()).contains("105 UNet calls instead of 460");
        assertThat(HoleAdvisor.advise(SoftMask.of(MaskPresets.HALF_LEFT.create(64, 64, 0)), balanced, 64).changed())
                .isFalse();
    }

    @Test
    void aRadiusPlannedBeforehandGetsTheSameAdviceAndNoHoleGetsNone() {
        double radius = HoleAdvisor.holeRadius(band(3), 64);
        assertThat(HoleAdvisor.advise(radius, FAST).params()).isEqualTo(HoleAdvisor.advise(band(3), FAST, 64).params());
        assertThat(HoleAdvisor.advise(Double.NaN, FAST).changed()).isFalse();
    }
}
