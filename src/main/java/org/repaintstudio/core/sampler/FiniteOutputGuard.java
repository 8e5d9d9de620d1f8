package org.repaintstudio.core.sampler;

import java.util.Locale;

import org.repaintstudio.core.UserFacingException;

/**
 * A {@link Denoiser} decorator that checks every model output for NaN and infinite values and stops
 * the run with a sentence naming the UNet call and timestep, before a black or garbage fill can be
 * written. The scan is one pass over the output, small next to the UNet call that produced it.
 */
public final class FiniteOutputGuard extends ForwardingDenoiser {
    private int calls;

    private FiniteOutputGuard(Denoiser inner) {
        super(inner);
    }

    /** Wraps a denoiser once; an already guarded one is returned as it is. */
    public static Denoiser wrap(Denoiser denoiser) {
        return denoiser instanceof FiniteOutputGuard ? denoiser : new FiniteOutputGuard(denoiser);
    }

    @Override
    public void predict(float[] sample, Shape shape, int timestep, float[] out) {
        inner.predict(sample, shape, timestep, out);
        calls++;
        int n = Math.min(out.length, shape.batch() * outputChannels() * shape.pixels());
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(out[i])) {
                throw new UserFacingException(String.format(Locale.ROOT,
                        "The model produced %s values at UNet call %d (timestep %d), so the run was stopped and "
                                + "nothing was written; its weights are probably damaged.",
                        Float.isNaN(out[i]) ? "NaN" : "infinite", calls, timestep));
            }
        }
    }

    /** UNet calls made through this guard. */
    public int calls() {
        return calls;
    }

    @Override
    public void close() {
        inner.close();
    }
}
