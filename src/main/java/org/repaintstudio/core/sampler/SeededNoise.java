package org.repaintstudio.core.sampler;

/**
 * The default noise source: a fixed seed gives the same draws on every run and machine.
 * Each sample of a batch has its own stream, so sample k of seed S looks the same whatever
 * the number of samples requested alongside it.
 */
public final class SeededNoise implements NoiseSource {
    private final long seed;
    private GaussianGenerator[] streams = new GaussianGenerator[0];

    public SeededNoise(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    @Override
    public void next(float[] draw, int batch) {
        if (batch < 1 || draw.length % batch != 0) {
            throw new IllegalArgumentException("draw of " + draw.length + " values cannot hold " + batch + " samples");
        }
        grow(batch);
        int per = draw.length / batch;
        for (int k = 0; k < batch; k++) {
            streams[k].fill(draw, k * per, (k + 1) * per);
        }
    }

    /**
     * Stream {@code k} alone, continued where the batched draws left it: sample k's further draws
     * (e.g. its refinement after the coarse pass), the same whatever the batch size was.
     */
    public NoiseSource stream(int k) {
        return (draw, batch) -> {
            if (batch != 1) {
                throw new IllegalArgumentException("one stream draws one sample at a time");
            }
            grow(k + 1);
            streams[k].fill(draw, 0, draw.length);
        };
    }

    private void grow(int count) {
        if (streams.length < count) {
            GaussianGenerator[] grown = java.util.Arrays.copyOf(streams, count);
            for (int k = streams.length; k < count; k++) {
                grown[k] = new GaussianGenerator(SplitMix64.mix(seed, k));
            }
            streams = grown;
        }
    }
}
