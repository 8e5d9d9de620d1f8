package org.repaintstudio.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import org.repaintstudio.core.UserFacingException;

class PartialResamplingTest {
    @Test
    void withoutCutsItIsDiffusersScheduleEntryForEntry() {
        int[][] cases = {{50, 5, 2}, {100, 10, 5}, {250, 10, 10}, {20, 3, 4}, {7, 2, 3}};
        for (int[] c : cases) {
            int n = c[0];
            assertThat(PartialResampling.timesteps(n, c[1], c[2], 1000, n, n))
                    .containsExactly(DiffusersResampling.timesteps(n, c[1], c[2], 1000));
        }
    }

    @Test
    void lateResamplingJumpsOnlyBelowItsIndexAndCostsWhatItSkips() {
        // 50 steps, jump 5, 4 samples, jumps only where t + 5 <= 20: from 0, 5, 10, 15.
        TimestepSchedule s = TimestepSchedule.fromDiffusersTimesteps(PartialResampling.timesteps(50, 5, 4, 1000, 50, 20));
        assertThat(s.denoiseCount()).isEqualTo(50 + 4 * 3 * 5);
        for (int e = 0; e < s.size(); e++) {
            if (s.kind(e) == StepKind.UNDO) {
                assertThat(s.value(e)).isLessThanOrEqualTo(20 * 20);
            }
        }
    }

    @Test
    void aPartialStartBeginsAtItsIndexWithADenoisingStep() {
        int[] ts = PartialResampling.timesteps(50, 5, 2, 1000, 30, 29);
        TimestepSchedule s = TimestepSchedule.fromDiffusersTimesteps(ts);
        assertThat(ts[0]).isEqualTo(29 * 20);
        assertThat(s.kind(0)).isEqualTo(StepKind.DENOISE);
        assertThat(s.maxValue()).isEqualTo(29 * 20);
        assertThat(ts[ts.length - 1]).isZero();
        // 30 steps down plus one extra pass over each of the 5 jumps of 5 that stay below index 29.
        assertThat(s.denoiseCount()).isEqualTo(30 + 5 * 5);
    }

    @Test
    void fractionsOutsideTheTrajectoryAreOneSentence() {
        assertThat(PartialResampling.indexAt(0.4, 50, 1000)).isEqualTo(20);
        assertThat(PartialResampling.indexAt(0.001, 50, 1000)).isEqualTo(1);
        assertThatThrownBy(() -> PartialResampling.indexAt(0, 50, 1000)).isInstanceOf(UserFacingException.class)
                .hasMessageContaining("above 0 and at most 1");
        assertThatThrownBy(() -> PartialResampling.indexAt(1.5, 50, 1000)).isInstanceOf(UserFacingException.class);
    }
}
