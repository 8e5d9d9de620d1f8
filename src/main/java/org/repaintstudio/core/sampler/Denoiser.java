package org.repaintstudio.core.sampler;

/** A noise-predicting UNet: {@code eps = model(x_t, t)}, batched. */
public interface Denoiser extends AutoCloseable {
    /** 3 (noise only) or 6 (noise and learned variance). */
    int outputChannels();

    /** Fixed input resolution (height), or -1 if the model accepts any. */
    int fixedHeight();

    /** Fixed input resolution (width), or -1 if the model accepts any. */
    int fixedWidth();

    /**
     * Runs the model on {@code shape.batch()} samples at one timestep.
     *
     * @param sample NCHW input, {@code shape.size()} values
     * @param out    receives NCHW output with {@link #outputChannels()} channels
     */
    void predict(float[] sample, Shape shape, int timestep, float[] out);

    @Override
    void close();
}
