package org.repaintstudio.core.sampler;

/** SplitMix64: a tiny, fully specified 64-bit generator, so a seed means the same thing everywhere. */
final class SplitMix64 {
    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in (0, 1], never 0, so it is safe under a logarithm. */
    double nextOpenUniform() {
        return ((nextLong() >>> 11) + 1) * 0x1.0p-53;
    }

    static long mix(long seed, long stream) {
        return new SplitMix64(seed ^ (stream * 0xD1B54A32D192ED03L)).nextLong();
    }
}
