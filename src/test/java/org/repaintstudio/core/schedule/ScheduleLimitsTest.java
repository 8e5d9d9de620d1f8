package org.repaintstudio.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.repaintstudio.core.UserFacingException;

/** Schedule lengths are computed arithmetically, so absurd settings are refused before any allocation. */
class ScheduleLimitsTest {

    @Test
    void theFormulaIsTheLengthDiffusersProduces() {
        for (int n : new int[] {1, 2, 7, 50, 100, 250, 333}) {
            for (int j : new int[] {1, 2, 3, 5, 10, 49}) {
                for (int r : new int[] {1, 2, 3, 10}) {
                    int[] ts = DiffusersResampling.timesteps(n, j, r, 1000);
                    assertThat(ScheduleLimits.diffusersLength(Math.min(n, 1000), j, r))
                            .as("n=%d j=%d r=%d", n, j, r).isEqualTo(ts.length);
                }
            }
        }
    }

    @Test
    void theBoundIsAtLeastTheOriginalScheduleLength() {
        for (int t : new int[] {10, 50, 250}) {
            for (int j : new int[] {1, 3, 10}) {
                for (int r : new int[] {1, 2, 10}) {
                    for (int n : new int[] {1, 2}) {
                        OriginalJumpSchedule s = new OriginalJumpSchedule(t, n, j, r, 1, 1, 1, 1,
                                OriginalJumpSchedule.ALWAYS);
                        int[] times;
                        try {
                            times = s.times();
                        } catch (UserFacingException e) {
                            continue; // settings the original's own checks reject
                        }
                        assertThat(ScheduleLimits.originalLengthBound(s)).isGreaterThanOrEqualTo(times.length);
                    }
                }
            }
        }
    }

    @Test
    @Timeout(5)
    void aBillionResamplingsIsOneSentenceNotAnOutOfMemoryError() {
        assertThatThrownBy(() -> DiffusersResampling.timesteps(250, 10, 1_000_000_000, 1000))
                .isInstanceOf(UserFacingException.class)
                .hasMessage("250 steps with jump length 10 and 1000000000 resamplings make a schedule of "
                        + "479,999,999,770 entries; the limit is 1,000,000, so use fewer steps or resamplings.");
        assertThatThrownBy(() -> OriginalJumpSchedule.of(250, 1, 10, 1_000_000_000).times())
                .isInstanceOf(UserFacingException.class).hasMessageContaining("the limit is 1,000,000");
        assertThatThrownBy(() -> DiffusersResampling.timesteps(250, 10, Integer.MAX_VALUE, Integer.MAX_VALUE))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("training timesteps");
    }

    @Test
    void absurdSchedulerConfigsAreRefused() {
        var json = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        json.put("num_train_timesteps", 2_000_000_000);
        assertThatThrownBy(() -> SchedulerConfig.fromJson(json)).isInstanceOf(UserFacingException.class)
                .hasMessageContaining("num_train_timesteps must be between 2 and 100000");
        json.put("num_train_timesteps", 1e12);
        assertThatThrownBy(() -> SchedulerConfig.fromJson(json)).isInstanceOf(UserFacingException.class)
                .hasMessageContaining("whole number");
    }
}
