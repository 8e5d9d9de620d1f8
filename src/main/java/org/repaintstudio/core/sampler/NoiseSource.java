package org.repaintstudio.core.sampler;

/**
 * Standard-normal draws for the sampler. One call is one draw of a whole batch tensor, in the order
 * diffusers' {@code randn_tensor} calls happen, so recorded draws can be replayed exactly.
 */
public interface NoiseSource {
    /** Fills {@code draw} (a tensor of {@code batch} equal-size samples) with the next draw. */
    void next(float[] draw, int batch);
}
