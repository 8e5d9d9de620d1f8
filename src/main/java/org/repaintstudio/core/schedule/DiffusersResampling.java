package org.repaintstudio.core.schedule;

import org.repaintstudio.core.UserFacingException;

/**
 * diffusers' {@code RePaintScheduler.set_timesteps(n, jump_length, jump_n_sample)}: the resampling
 * schedule as training timesteps (index times {@code T // n}).
 */
public final class DiffusersResampling {
    private DiffusersResampling() {}

    public static int effectiveSteps(int numInferenceSteps, int numTrainTimesteps) {
        return Math.min(numInferenceSteps, numTrainTimesteps);
    }

    public static int stepRatio(int numInferenceSteps, int numTrainTimesteps) {
        return numTrainTimesteps / effectiveSteps(numInferenceSteps, numTrainTimesteps);
    }

    /**
     * Same arithmetic as diffusers, including its acceptance of {@code jump_length >= n} (no
     * resampling then). User-facing parameter checks live in {@link RePaintParameters}.
     */
    public static int[] timesteps(int numInferenceSteps, int jumpLength, int jumpNSample, int numTrainTimesteps) {
        if (numInferenceSteps < 1) {
            throw new UserFacingException("The number of steps must be at least 1.");
        }
        if (jumpLength < 1) {
            throw new UserFacingException("The jump length must be at least 1.");
        }
        if (jumpNSample < 1) {
            throw new UserFacingException("The jump n sample (resampling count) must be at least 1.");
        }
        ScheduleLimits.checkTrainTimesteps(numTrainTimesteps);
        int n = effectiveSteps(numInferenceSteps, numTrainTimesteps);
        long length = ScheduleLimits.diffusersLength(n, jumpLength, jumpNSample);
        ScheduleLimits.checkLength(length, String.format(java.util.Locale.ROOT,
                "%d steps with jump length %d and %d resamplings", n, jumpLength, jumpNSample));
        int[] jumps = new int[n];
        for (int j = 0; j < n - jumpLength; j += jumpLength) {
            jumps[j] = jumpNSample - 1;
        }
        return walk(jumps, n, jumpLength, numTrainTimesteps / n, (int) length);
    }

    /**
     * diffusers' timestep walk: from index {@code start} down to 0, and at an index with jumps left,
     * {@code jumpLength} steps back up (each jump is one pass of the resampling loop over u in Algorithm 1 of the paper).
     * Consumes {@code jumps}; returns the training timesteps ({@code index * ratio}).
     */
    static int[] walk(int[] jumps, int start, int jumpLength, int ratio, int capacity) {
        IntList out = new IntList(capacity);
        int t = start;
        while (t >= 1) {
            t--;
            out.add(t * ratio);
            if (jumps[t] > 0) {
                jumps[t]--;
                for (int k = 0; k < jumpLength; k++) {
                    t++;
                    out.add(t * ratio);
                }
            }
        }
        return out.toArray();
    }
}
