package org.repaintstudio.core.schedule;

import java.util.Arrays;

/**
 * The ordered entries a RePaint loop walks: the value of each entry (a training timestep in
 * diffusers mode, a respaced index in paper mode) and whether it denoises or undoes.
 * Immutable; the UI plots it and the pipeline runs it.
 */
public final class TimestepSchedule {
    private final int[] values;
    private final StepKind[] kinds;
    private final int denoiseCount;

    public TimestepSchedule(int[] values, StepKind[] kinds) {
        if (values.length != kinds.length) {
            throw new IllegalArgumentException("values and kinds differ in length");
        }
        this.values = values.clone();
        this.kinds = kinds.clone();
        int d = 0;
        for (StepKind k : kinds) {
            if (k == StepKind.DENOISE) {
                d++;
            }
        }
        this.denoiseCount = d;
    }

    /**
     * Classifies diffusers' timesteps with its pipeline rule: starting from {@code t_last = t[0] + 1},
     * an entry smaller than its predecessor denoises, any other entry undoes.
     */
    public static TimestepSchedule fromDiffusersTimesteps(int[] timesteps) {
        StepKind[] kinds = new StepKind[timesteps.length];
        int last = timesteps.length == 0 ? 0 : timesteps[0] + 1;
        for (int i = 0; i < timesteps.length; i++) {
            kinds[i] = timesteps[i] < last ? StepKind.DENOISE : StepKind.UNDO;
            last = timesteps[i];
        }
        return new TimestepSchedule(timesteps, kinds);
    }

    public int size() {
        return values.length;
    }

    public int value(int entry) {
        return values[entry];
    }

    public StepKind kind(int entry) {
        return kinds[entry];
    }

    public int denoiseCount() {
        return denoiseCount;
    }

    public int undoCount() {
        return values.length - denoiseCount;
    }

    public int[] values() {
        return values.clone();
    }

    public int maxValue() {
        return Arrays.stream(values).max().orElse(0);
    }
}
