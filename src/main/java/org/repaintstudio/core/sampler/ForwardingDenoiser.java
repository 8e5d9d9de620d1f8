package org.repaintstudio.core.sampler;

/**
 * Base of the {@link Denoiser} decorators: forwards the model's geometry to the wrapped denoiser, so a
 * decorator only says what it adds to {@link #predict} and whether it owns the wrapped one ({@link #close}).
 */
abstract class ForwardingDenoiser implements Denoiser {
    protected final Denoiser inner;

    ForwardingDenoiser(Denoiser inner) {
        this.inner = inner;
    }

    @Override
    public int outputChannels() {
        return inner.outputChannels();
    }

    @Override
    public int fixedHeight() {
        return inner.fixedHeight();
    }

    @Override
    public int fixedWidth() {
        return inner.fixedWidth();
    }
}
