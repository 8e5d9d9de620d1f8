package org.repaintstudio.core.schedule;

import java.util.Locale;

import org.repaintstudio.core.UserFacingException;

/**
 * Upper bounds for schedules, checked arithmetically before any array is allocated, so an absurd
 * setting such as a billion resamplings is one sentence instead of an OutOfMemoryError.
 */
public final class ScheduleLimits {
    /** Most schedule entries accepted: over 200 times the paper's 4,570, days of UNet calls. */
    public static final long MAX_ENTRIES = 1_000_000L;
    /** Most training timesteps a model may declare (DDPMs use 1,000; some 4,000). */
    public static final int MAX_TRAIN_TIMESTEPS = 100_000;

    private ScheduleLimits() {}

    /**
     * Exact length of diffusers' {@code set_timesteps} schedule: every step once, plus for each
     * jump position ({@code 0, j, 2j, ... < n - j}) {@code r - 1} round trips of {@code 2j} entries.
     */
    public static long diffusersLength(int effectiveSteps, int jumpLength, int jumpNSample) {
        long n = effectiveSteps;
        long positions = n > jumpLength ? (n - jumpLength + jumpLength - 1) / jumpLength : 0;
        return saturatingAdd(n, saturatingMultiply(positions, (long) jumpNSample - 1, 2L * jumpLength));
    }

    /**
     * An upper bound of the original {@code get_schedule_jump} length: each nesting level and the
     * n_sample loop can at most multiply the number of entries per level by {@code 2r - 1}.
     */
    public static long originalLengthBound(OriginalJumpSchedule s) {
        long perLevel = saturatingMultiply(2L * s.nSample() - 1, 2L * s.jumpNSample() - 1,
                saturatingMultiply(2L * s.jump2NSample() - 1, 2L * s.jump3NSample() - 1, 1));
        return saturatingAdd(saturatingMultiply(s.tT(), perLevel, 1), 1);
    }

    /** Refuses a schedule of {@code length} entries above {@link #MAX_ENTRIES}. */
    public static void checkLength(long length, String settings) {
        check(length, settings, "");
    }

    /** Refuses a schedule whose length may reach {@code bound} entries, above {@link #MAX_ENTRIES}. */
    public static void checkLengthBound(long bound, String settings) {
        check(bound, settings, "up to ");
    }

    private static void check(long length, String settings, String qualifier) {
        if (length > MAX_ENTRIES) {
            throw new UserFacingException(String.format(Locale.ROOT,
                    "%s make a schedule of %s%s entries; the limit is %,d, so use fewer steps or resamplings.",
                    settings, qualifier, length >= Long.MAX_VALUE / 2 ? "billions of"
                            : String.format(Locale.ROOT, "%,d", length), MAX_ENTRIES));
        }
    }

    /** Refuses a training-timestep count outside 1..{@link #MAX_TRAIN_TIMESTEPS}. */
    public static void checkTrainTimesteps(long n) {
        if (n < 1 || n > MAX_TRAIN_TIMESTEPS) {
            throw new UserFacingException("The number of training timesteps must be between 1 and "
                    + MAX_TRAIN_TIMESTEPS + ", not " + n + ".");
        }
    }

    static long saturatingMultiply(long a, long b, long c) {
        long ab = a != 0 && Math.abs(b) > Long.MAX_VALUE / Math.abs(a) ? Long.MAX_VALUE : a * b;
        return ab != 0 && Math.abs(c) > Long.MAX_VALUE / Math.abs(ab) ? Long.MAX_VALUE : ab * c;
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
