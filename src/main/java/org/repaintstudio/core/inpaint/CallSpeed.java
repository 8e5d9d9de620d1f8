package org.repaintstudio.core.inpaint;

import java.util.Locale;
import java.util.Map;

/**
 * The pre-run time estimate from measured speed, in the progress line's units (calls/s). Speeds
 * are kept per model-and-device key and per batch, because a batch of n costs less than n single
 * calls on most devices; a batch never measured is scaled from the nearest measured one at the
 * same cost per sample, which errs long. A run's own speed replaces the stored one when it ends,
 * and the run's progress line re-estimates from the entries it has timed (RunReporter).
 */
public final class CallSpeed {
    private CallSpeed() {}

    /** The stored key for one model, device and batch. */
    public static String key(String speedKey, int batch) {
        return speedKey + "|batch " + batch;
    }

    /**
     * Milliseconds per call (all work of a denoising entry and its undos included) at {@code batch},
     * or null if nothing is measured yet. A value under the bare key is a per-sample cost measured
     * at batch 1 by older builds.
     */
    public static Double msPerCall(Map<String, Double> measured, String speedKey, int batch) {
        Double exact = measured.get(key(speedKey, batch));
        if (exact != null) {
            return exact;
        }
        int nearest = -1;
        for (int b = 1; b <= RePaintParameters.MAX_SAMPLES; b++) {
            if (measured.containsKey(key(speedKey, b)) && (nearest < 0 || Math.abs(b - batch) < Math.abs(nearest - batch))) {
                nearest = b;
            }
        }
        if (nearest > 0) {
            return measured.get(key(speedKey, nearest)) * batch / nearest;
        }
        Double legacy = measured.get(speedKey);
        return legacy == null ? null : legacy * batch;
    }

    /** The ms per call a finished run measured: its whole time over its UNet calls. */
    public static double measured(long totalNanos, int modelCalls) {
        return totalNanos / 1e6 / Math.max(1, modelCalls);
    }

    /** Seconds for {@code calls} calls at {@code msPerCall}. */
    public static double seconds(int calls, double msPerCall) {
        return calls * msPerCall / 1000.0;
    }

    /** "0.8 calls/s", as the progress line shows speed. */
    public static String rate(double msPerCall) {
        return String.format(Locale.ROOT, "%.1f calls/s", 1000.0 / msPerCall);
    }
}
