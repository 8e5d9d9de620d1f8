package org.repaintstudio.core.sampler;

/** A denoiser that adds up the time spent in its calls, so a run can say where its time went. */
final class TimedDenoiser extends ForwardingDenoiser {
    private long nanos;

    TimedDenoiser(Denoiser inner) {
        super(inner);
    }

    @Override
    public void predict(float[] sample, Shape shape, int timestep, float[] out) {
        long t0 = System.nanoTime();
        inner.predict(sample, shape, timestep, out);
        nanos += System.nanoTime() - t0;
    }

    long nanos() {
        return nanos;
    }

    /** The wrapped denoiser belongs to its owner, who closes it. */
    @Override
    public void close() {}
}
