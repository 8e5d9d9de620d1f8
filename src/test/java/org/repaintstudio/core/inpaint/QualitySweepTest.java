package org.repaintstudio.core.inpaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.repaintstudio.core.TestImages;
import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.image.MaskPresets;
import org.repaintstudio.core.sampler.PartialStartMode;

/** The fewer-calls study's grid lines and runs, with the tiny 32-px test model. */
class QualitySweepTest extends TinyEngineTest {
    private static final RePaintParameters BASE = RePaintParameters.Preset.FAST.apply(RePaintParameters.defaults());

    @Test
    void gridLinesParseWithAnOptionalAdvisedFlag() {
        QualitySweep.Setting plain = QualitySweep.parse("fast  ddnm 50 5 2 1.0  # the Fast preset", BASE);
        assertThat(plain.label()).isEqualTo("fast");
        assertThat(plain.advised()).isFalse();
        assertThat(RePaintParameters.Preset.FAST.matches(plain.params())).isTrue();
        assertThat(QualitySweep.parse("fast-user ddnm 50 5 2 1.0 advised", BASE).advised()).isTrue();
        assertThat(QualitySweep.parse("   # only a comment", BASE)).isNull();
        assertThatThrownBy(() -> QualitySweep.parse("x ddnm 50 5 2 1.0 sometimes", BASE))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("[advised]");
        assertThatThrownBy(() -> QualitySweep.parse("x ddnm fifty 5 2 1.0", BASE))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("is not a number");
    }

    @Test
    void anAdvisedFastLineRunsNarrowHolesFromAPartialStartAndWideOnesAsChosen() {
        QualitySweep.Cases cases = cases("thin", "half-left");
        QualitySweep.Setting plain = QualitySweep.parse("fast ddnm 50 5 2 1.0", BASE);
        QualitySweep.Setting advised = QualitySweep.parse("fast-user ddnm 50 5 2 1.0 advised", BASE);
        int partialCalls = new RePaintParameters(new PartialStartMode(HoleAdvisor.NARROW_STRENGTH),
                HoleAdvisor.NARROW_STEPS, HoleAdvisor.NARROW_JUMP_LENGTH, HoleAdvisor.NARROW_RESAMPLINGS, 1.0, 0, 1, null,
                0).modelCalls(engine.schedulerConfig());
        List<QualitySweep.Row> a = QualitySweep.run(engine, cases, advised, 8, 0, line -> { });
        List<QualitySweep.Row> p = QualitySweep.run(engine, cases, plain, 8, 0, line -> { });
        assertThat(a).hasSize(6);
        for (int i = 0; i < a.size(); i++) {
            QualitySweep.Row r = a.get(i);
            boolean thin = r.mask().equals("thin");
            assertThat(r.calls()).as(r.toString()).isEqualTo(thin ? partialCalls : 95);
            assertThat(p.get(i).calls()).isEqualTo(95);
            // The wide hole ran exactly the chosen setting, so its scores are those of the plain line.
            if (!thin) {
                assertThat(r.mae()).isEqualTo(p.get(i).mae());
            }
        }
        assertThat(partialCalls).isLessThanOrEqualTo(120);
    }

    private static QualitySweep.Cases cases(String... maskIds) {
        List<BufferedImage> truth = List.of(TestImages.gradient(32, 32), TestImages.gradient(32, 32),
                TestImages.gradient(32, 32));
        List<List<Mask>> masks = new ArrayList<>();
        for (String id : maskIds) {
            List<Mask> ms = new ArrayList<>();
            for (int i = 0; i < truth.size(); i++) {
                ms.add(MaskPresets.fromId(id).create(32, 32, i));
            }
            masks.add(ms);
        }
        return new QualitySweep.Cases(List.of("a", "b", "c"), truth, List.of(maskIds), masks);
    }
}
