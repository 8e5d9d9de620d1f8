package org.repaintstudio.core.refine;

import java.util.ArrayList;
import java.util.List;

import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.schedule.SchedulerConfig;

/**
 * The refinement levels of one job, known before any UNet call so that progress and ETA can cover
 * the whole job: from the coarse crop's scale down to one image pixel per level pixel, halving the
 * scale at each level. Empty when refinement is off or the crop was not shrunk.
 */
public record RefinePlan(List<RefineLevel> levels, LevelSchedule schedule, int tileSize, RefineOptions options) {
    public RefinePlan {
        levels = List.copyOf(levels);
    }

    /**
     * @param cropScale image pixels per model pixel of the coarse pass's crop
     * @param tile      the model's resolution: the side of every tile
     */
    public static RefinePlan plan(Mask mask, double cropScale, int tile, SchedulerConfig config, RefineOptions opts) {
        LevelSchedule schedule = LevelSchedule.of(config, opts);
        List<RefineLevel> levels = new ArrayList<>();
        int count = levelCount(cropScale);
        Mask.Box box = count == 0 || !opts.enabled() ? null : mask.bounds();
        if (box == null) {
            return new RefinePlan(levels, schedule, tile, opts);
        }
        for (int k = 1; k <= count; k++) {
            int scale = 1 << (count - k);
            // The last level's redrawn band must hold the whole blend band, so that blending only mixes new pixels.
            int dilation = k == count ? Math.max(opts.dilation(), opts.blendWidth()) : opts.dilation();
            // At most half a tile of overlap: more only multiplies the tiles (a 32-px model with the 24-px
            // default would step by 8 pixels and send 9 times as many tiles).
            levels.add(LevelTiling.level(k, scale, mask, box, tile, Math.min(opts.overlap(), tile / 2), dilation));
        }
        return new RefinePlan(levels, schedule, tile, opts);
    }

    /**
     * Levels for a crop shrunk by {@code cropScale}: scales 2^(K-1) … 1, where K rounds log2 of the
     * shrink factor so that the first level enlarges the coarse fill by 1.2–2.5×. None when the crop
     * is at the photo's own resolution or larger.
     */
    public static int levelCount(double cropScale) {
        if (cropScale <= 1 + 1e-9) {
            return 0;
        }
        double log2 = Math.log(cropScale) / Math.log(2);
        return Math.max(1, (int) Math.ceil(log2 - 0.3));
    }

    public boolean isEmpty() {
        return levels.isEmpty();
    }

    public int tileCount() {
        int n = 0;
        for (RefineLevel l : levels) {
            n += l.tiles().size();
        }
        return n;
    }

    /** UNet calls of the whole refinement: per level, denoising steps × tile batches. */
    public int totalCalls() {
        int n = 0;
        for (RefineLevel l : levels) {
            n += callsOf(l);
        }
        return n;
    }

    public int callsOf(RefineLevel level) {
        return level.calls(schedule.denoiseCount(), options.maxBatch());
    }
}
