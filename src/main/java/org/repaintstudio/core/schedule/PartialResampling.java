package org.repaintstudio.core.schedule;

import java.util.Locale;

/**
 * diffusers' resampling schedule ({@link DiffusersResampling}) with two cuts that spend fewer UNet
 * calls: the walk may begin below the top ({@code startIndex < n}, a partial start as in diffusers'
 * image-to-image {@code strength}), and jumps may be confined to the low-noise part of the
 * trajectory ({@code resampleBelow}, the {@code start_resampling} of the original RePaint code's
 * {@code get_schedule_jump}: a jump from index t happens only if {@code t + jumpLength <= resampleBelow}),
 * or to the high-noise part ({@code resampleFrom}: only from {@code t >= resampleFrom}).
 * With both at n it equals diffusers' schedule entry for entry.
 */
public final class PartialResampling {
    private PartialResampling() {}

    /** Training timesteps in loop order; indices are in units of {@code T // n}. */
    public static int[] timesteps(int numInferenceSteps, int jumpLength, int jumpNSample, int numTrainTimesteps,
                                  int startIndex, int resampleBelow) {
        return timesteps(numInferenceSteps, jumpLength, jumpNSample, numTrainTimesteps, startIndex, 0, resampleBelow);
    }

    /** As above, with jumps only from indices {@code >= resampleFrom} (resampling early in the walk). */
    public static int[] timesteps(int numInferenceSteps, int jumpLength, int jumpNSample, int numTrainTimesteps,
                                  int startIndex, int resampleFrom, int resampleBelow) {
        int[] check = DiffusersResampling.timesteps(numInferenceSteps, jumpLength, jumpNSample, numTrainTimesteps);
        int n = DiffusersResampling.effectiveSteps(numInferenceSteps, numTrainTimesteps);
        if (startIndex < 1 || startIndex > n) {
            throw new IllegalArgumentException("start index " + startIndex + " outside 1.." + n);
        }
        int[] jumps = new int[n];
        for (int j = 0; j < n - jumpLength; j += jumpLength) {
            jumps[j] = j >= resampleFrom && j + jumpLength <= resampleBelow ? jumpNSample - 1 : 0;
        }
        return DiffusersResampling.walk(jumps, startIndex, jumpLength, numTrainTimesteps / n, check.length);
    }

    /** The index nearest to {@code fraction * n}, at least 1 and at most n. */
    public static int indexAt(double fraction, int numInferenceSteps, int numTrainTimesteps) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new org.repaintstudio.core.UserFacingException(String.format(Locale.ROOT,
                    "The fraction of the trajectory must be above 0 and at most 1, not %s.", fraction));
        }
        int n = DiffusersResampling.effectiveSteps(numInferenceSteps, numTrainTimesteps);
        return Math.max(1, Math.min(n, (int) Math.round(fraction * n)));
    }
}
