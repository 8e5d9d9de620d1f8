package org.repaintstudio.core.schedule;

import java.util.Arrays;

import org.repaintstudio.core.UserFacingException;

/**
 * The original RePaint {@code get_schedule_jump} (guided_diffusion/scheduler.py): indices of the
 * respaced process, ending with -1, with up to three nested resampling levels and a start point.
 */
public record OriginalJumpSchedule(
        int tT,
        int nSample,
        int jumpLength,
        int jumpNSample,
        int jump2Length,
        int jump2NSample,
        int jump3Length,
        int jump3NSample,
        int startResampling) {

    /** The original's default for start_resampling: effectively "always". */
    public static final int ALWAYS = 100_000_000;

    public OriginalJumpSchedule {
        require(tT >= 1 && tT <= ScheduleLimits.MAX_TRAIN_TIMESTEPS,
                "t_T must be between 1 and " + ScheduleLimits.MAX_TRAIN_TIMESTEPS + ", not " + tT + ".");
        require(nSample >= 1, "n_sample must be at least 1.");
        require(jumpLength >= 1, "jump_length must be at least 1.");
        require(jumpNSample >= 1, "jump_n_sample must be at least 1.");
        require(jump2Length >= 1, "jump2_length must be at least 1.");
        require(jump2NSample >= 1, "jump2_n_sample must be at least 1.");
        require(jump3Length >= 1, "jump3_length must be at least 1.");
        require(jump3NSample >= 1, "jump3_n_sample must be at least 1.");
    }

    public static OriginalJumpSchedule of(int tT, int nSample, int jumpLength, int jumpNSample) {
        return new OriginalJumpSchedule(tT, nSample, jumpLength, jumpNSample, 1, 1, 1, 1, ALWAYS);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new UserFacingException(message);
        }
    }

    /** The index list, ending with -1, exactly as the original returns it. */
    public int[] times() {
        ScheduleLimits.checkLengthBound(ScheduleLimits.originalLengthBound(this),
                "t_T=" + tT + " with these n_sample and jump_n_sample values");
        int[] jumps = fresh(jumpLength, jumpNSample);
        int[] jumps2 = fresh(jump2Length, jump2NSample);
        int[] jumps3 = fresh(jump3Length, jump3NSample);
        IntList ts = new IntList(Math.min(tT * 4, 1 << 20));
        int t = tT;
        while (t >= 1) {
            t--;
            ts.add(t);
            if (t + 1 < tT - 1 && t <= startResampling) {
                for (int k = 0; k < nSample - 1; k++) {
                    t++;
                    ts.add(t);
                    if (t >= 0) {
                        t--;
                        ts.add(t);
                    }
                }
            }
            if (get(jumps3, t) > 0 && t <= startResampling - jump3Length) {
                jumps3[t]--;
                for (int k = 0; k < jump3Length; k++) {
                    t++;
                    ts.add(t);
                }
            }
            if (get(jumps2, t) > 0 && t <= startResampling - jump2Length) {
                jumps2[t]--;
                for (int k = 0; k < jump2Length; k++) {
                    t++;
                    ts.add(t);
                }
                jumps3 = fresh(jump3Length, jump3NSample);
            }
            if (get(jumps, t) > 0 && t <= startResampling - jumpLength) {
                jumps[t]--;
                for (int k = 0; k < jumpLength; k++) {
                    t++;
                    ts.add(t);
                }
                jumps2 = fresh(jump2Length, jump2NSample);
                jumps3 = fresh(jump3Length, jump3NSample);
            }
        }
        ts.add(-1);
        int[] out = ts.toArray();
        check(out);
        return out;
    }

    private int[] fresh(int length, int nSamples) {
        int[] j = new int[Math.max(tT, 1)];
        for (int i = 0; i < tT - length; i += length) {
            j[i] = nSamples - 1;
        }
        return j;
    }

    private static int get(int[] jumps, int t) {
        return t >= 0 && t < jumps.length ? jumps[t] : 0;
    }

    /** The original's _check_times, as clear errors instead of assertions. */
    private void check(int[] times) {
        if (times.length < 2 || times[0] <= times[1]) {
            throw new UserFacingException("This schedule does not start by denoising; check t_T and the jump settings.");
        }
        for (int i = 1; i < times.length; i++) {
            if (Math.abs(times[i] - times[i - 1]) != 1) {
                throw new UserFacingException("These jump settings make the schedule skip levels; use smaller jump lengths.");
            }
        }
        for (int t : times) {
            if (t < -1 || t > tT) {
                throw new UserFacingException("These jump settings leave the range 0.." + tT + "; use smaller jump lengths.");
            }
        }
    }

    /** Entries for the paper-mode loop: transition a to b denoises at a when b < a, else undoes. */
    public TimestepSchedule toTransitions() {
        int[] times = times();
        int[] from = Arrays.copyOf(times, times.length - 1);
        StepKind[] kinds = new StepKind[from.length];
        for (int i = 0; i < from.length; i++) {
            kinds[i] = times[i + 1] < times[i] ? StepKind.DENOISE : StepKind.UNDO;
        }
        return new TimestepSchedule(from, kinds);
    }
}
