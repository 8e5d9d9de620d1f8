package org.repaintstudio.core;

import java.util.Locale;

/**
 * Checks an allocation plan against the Java heap limit ({@code Runtime.maxMemory()}) before any
 * of it is allocated, so work that cannot fit is refused with one sentence instead of dying with
 * an OutOfMemoryError halfway through.
 */
public final class MemoryBudget {
    /** Share of the heap limit one job may plan to use; the rest is the app, the model and garbage. */
    public static final double JOB_SHARE = 0.75;

    private MemoryBudget() {}

    /** The bytes a job may use under the current heap limit. */
    public static long jobLimit() {
        return jobLimit(Runtime.getRuntime().maxMemory());
    }

    /** The bytes a job may use under a heap limit of {@code maxMemory}. */
    public static long jobLimit(long maxMemory) {
        return maxMemory == Long.MAX_VALUE ? Long.MAX_VALUE : (long) (maxMemory * JOB_SHARE);
    }

    /**
     * Refuses {@code bytes} above {@code limit}.
     *
     * @param what what needs the memory, as the start of a sentence ("photo.png is 8000×8000 pixels (16-bit RGBA);
     *             working on it")
     */
    public static void require(long bytes, long limit, String what) {
        if (bytes > limit || bytes < 0) {
            throw new UserFacingException(String.format(Locale.ROOT,
                    "%s needs about %s of memory, more than the %s one job may use under Java's %s heap limit; "
                            + "use a smaller image, or give Java more memory (-Xmx).",
                    what, size(bytes), size(limit), size((long) (limit / JOB_SHARE))));
        }
    }

    /** {@link #require(long, long, String)} against {@link #jobLimit()}. */
    public static void require(long bytes, String what) {
        require(bytes, jobLimit(), what);
    }

    /** a × b × c … without overflow: Long.MAX_VALUE when the product does not fit. */
    public static long product(long... factors) {
        long p = 1;
        for (long f : factors) {
            if (f < 0) {
                return Long.MAX_VALUE;
            }
            if (f != 0 && p > Long.MAX_VALUE / f) {
                return Long.MAX_VALUE;
            }
            p *= f;
        }
        return p;
    }

    /** "1.5 GB", "640 MB". */
    public static String size(long bytes) {
        if (bytes < 0 || bytes == Long.MAX_VALUE) {
            return "more than 8 EB";
        }
        if (bytes >= 10L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        }
        return String.format(Locale.ROOT, "%,d MB", Math.max(1, (bytes + (1 << 19)) >> 20));
    }
}
