package org.repaintstudio.core.inpaint;

/**
 * Which part of a job an event belongs to. Today a job is one pass over one tile (the coarse
 * RePaint pass on the crop); refinement passes at higher resolution, each over several tiles, are
 * further stages of the same job, so front ends show "pass 2 of 3, tile 4 of 9" without changes.
 *
 * @param pass      0-based pass index
 * @param passCount passes in the job
 * @param tile      0-based tile index within the pass
 * @param tileCount tiles in this pass
 * @param name      what the pass does, for display ("coarse")
 */
public record JobStage(int pass, int passCount, int tile, int tileCount, String name) {
    /** The single stage of a one-pass job. */
    public static final JobStage COARSE = new JobStage(0, 1, 0, 1, "coarse");

    public boolean isLast() {
        return pass == passCount - 1 && tile == tileCount - 1;
    }

    /** "pass 1/2 · tile 3/9" for multi-stage jobs, empty for a one-stage job. */
    public String label() {
        if (passCount <= 1 && tileCount <= 1) {
            return "";
        }
        return "pass " + (pass + 1) + "/" + passCount + (tileCount > 1 ? " · tile " + (tile + 1) + "/" + tileCount : "");
    }
}
