package org.repaintstudio.core.sampler;

import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.schedule.SchedulerConfig.VarianceType;

/**
 * The sampler-facing part of a run's parameters: the resampling schedule (steps, jump length j,
 * resamplings r), eta, and the paper sampler's variance type (null = from the model).
 */
public record SamplingSettings(int steps, int jumpLength, int jumpNSample, double eta, VarianceType variance) {

    /** The checks every RePaint schedule shares; each problem is one sentence. */
    public void checkSchedule(int numTrainTimesteps) {
        if (steps < 1 || steps > numTrainTimesteps) {
            throw new UserFacingException("Steps must be between 1 and the model's " + numTrainTimesteps
                    + " training steps, not " + steps + ".");
        }
        if (jumpLength < 1 || jumpLength >= steps) {
            throw new UserFacingException("The jump length must be at least 1 and below the number of steps ("
                    + steps + "), not " + jumpLength + ".");
        }
        if (jumpNSample < 1) {
            throw new UserFacingException("Jump n sample (resamplings) must be at least 1, not " + jumpNSample + ".");
        }
    }

    /** Eta is DDIM's noise scale, 0 (deterministic) to 1 (DDPM). */
    public void checkEta() {
        if (!(eta >= 0 && eta <= 1)) {
            throw new UserFacingException("Eta must be between 0 and 1, not " + eta + ".");
        }
    }
}
