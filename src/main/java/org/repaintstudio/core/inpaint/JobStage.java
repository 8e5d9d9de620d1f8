package org.repaintstudio.core.inpaint;

/**
 * Which part of a job an event belongs to. A job is the coarse RePaint pass on the crop, then, where
 * the crop was shrunk, one refinement level per doubling of resolution, each over batches of
 * model-size tiles. Passes count the coarse pass as the first level, so front ends show
 * "level 2/3 · tiles 1/4" without knowing how refinement works.
 *
 * @param pass      0-based pass index (0 = coarse)
 * @param passCount passes in the job
 * @param tile      0-based tile batch within the pass
 * @param tileCount tile batches in this pass
 * @param name      what the pass does, for display ("coarse", "refine")
 */
public record JobStage(int pass, int passCount, int tile, int tileCount, String name) {
    /** The single stage of a one-pass job. */
    public static final JobStage COARSE = new JobStage(0, 1, 0, 1, "coarse");

    /** The coarse pass of a job with {@code passCount} passes. */
    public static JobStage coarse(int passCount) {
        return passCount <= 1 ? COARSE : new JobStage(0, passCount, 0, 1, "coarse");
    }

    /** Tile batch {@code batch} (0-based) of refinement level {@code level} (1-based) of {@code levels}. */
    public static JobStage refine(int level, int levels, int batch, int batches) {
        return new JobStage(level, levels + 1, batch, batches, "refine");
    }

    public boolean isLast() {
        return pass == passCount - 1 && tile == tileCount - 1;
    }

    public boolean isRefinement() {
        return pass > 0;
    }

    /** "level 1/3 coarse", "level 2/3 · tiles 3/9"; empty for a one-stage job. */
    public String label() {
        if (passCount <= 1 && tileCount <= 1) {
            return "";
        }
        String level = "level " + (pass + 1) + "/" + passCount;
        if (pass == 0) {
            return level + " coarse";
        }
        return level + (tileCount > 1 ? " · tiles " + (tile + 1) + "/" + tileCount : "");
    }
}
