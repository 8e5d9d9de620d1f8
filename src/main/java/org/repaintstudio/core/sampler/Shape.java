package org.repaintstudio.core.sampler;

import org.repaintstudio.core.MemoryBudget;
import org.repaintstudio.core.UserFacingException;

/** NCHW shape of the sample tensor the sampler works on. */
public record Shape(int batch, int channels, int height, int width) {
    /** Float tensors of this shape the pipeline and sampler keep at once (x, model output ×2, x̂0, noise, known). */
    static final int WORKING_COPIES = 8;

    public Shape {
        if (batch < 1 || channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("bad shape " + batch + "x" + channels + "x" + height + "x" + width);
        }
        // The sampling loop holds about WORKING_COPIES float tensors of this shape; refuse before allocating.
        long values = MemoryBudget.product(batch, channels, height, width);
        String what = String.format(java.util.Locale.ROOT, "A model working at %d×%d pixels (%d sample%s)",
                width, height, batch, batch == 1 ? "" : "s");
        if (values > Integer.MAX_VALUE - 16) {
            throw new UserFacingException(what + " is too large: one tensor would hold " + values + " values.");
        }
        MemoryBudget.require(MemoryBudget.product(values, Float.BYTES, WORKING_COPIES), what);
    }

    /** Refuses a model resolution whose single-sample tensors would not fit in memory, before any allocation. */
    public static void checkModelResolution(int resolution) {
        if (resolution < 1) {
            throw new UserFacingException("The model declares an input of " + resolution + " pixels; it must be positive.");
        }
        new Shape(1, 3, resolution, resolution);
    }

    public int pixels() {
        return height * width;
    }

    public int sampleSize() {
        return channels * height * width;
    }

    public int size() {
        return batch * channels * height * width;
    }

    public Shape withBatch(int n) {
        return new Shape(n, channels, height, width);
    }
}
