package org.repaintstudio.core.refine;

import java.util.Arrays;

import org.repaintstudio.core.sampler.DiffusersRePaintScheduler;
import org.repaintstudio.core.schedule.SchedulerConfig;
import org.repaintstudio.core.schedule.TimestepSchedule;

/**
 * The partial schedule every level walks, as diffusers' inpainting pipeline does for a
 * {@code strength} below 1: the full schedule has about steps / strength entries, and the level
 * starts where only {@code steps} denoising steps remain, from its start image re-noised to that
 * timestep. With resampling (jump length and count above 1) the tail keeps RePaint's undo entries.
 *
 * @param entries        the tail of diffusers' resampling schedule, in loop order
 * @param inferenceSteps steps of the full schedule the tail was cut from (sets the scheduler's stride)
 */
public record LevelSchedule(TimestepSchedule entries, int inferenceSteps, double eta, SchedulerConfig config) {

    public static LevelSchedule of(SchedulerConfig config, RefineOptions opts) {
        int trainSteps = config.numTrainTimesteps();
        int full = Math.min(trainSteps, Math.max(opts.steps(), (int) Math.round(opts.steps() / opts.strength())));
        int kept = Math.min(opts.steps(), full);
        DiffusersRePaintScheduler scheduler = new DiffusersRePaintScheduler(config, opts.eta());
        int[] all = scheduler.setTimesteps(full, opts.jumpLength(), opts.jumpNSample());
        int startValue = (kept - 1) * scheduler.stepRatio();
        int first = 0;
        while (all[first] != startValue) {
            first++;
        }
        int[] tail = Arrays.copyOfRange(all, first, all.length);
        return new LevelSchedule(TimestepSchedule.fromDiffusersTimesteps(tail), full, opts.eta(), config);
    }

    /** A scheduler set up for this schedule's stride. */
    public DiffusersRePaintScheduler newScheduler() {
        DiffusersRePaintScheduler s = new DiffusersRePaintScheduler(config, eta);
        s.setTimesteps(inferenceSteps, 1, 1);
        return s;
    }

    /** The timestep the level's start image is noised to. */
    public int startTimestep() {
        return entries.value(0);
    }

    public int denoiseCount() {
        return entries.denoiseCount();
    }
}
