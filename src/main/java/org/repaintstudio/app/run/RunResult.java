package org.repaintstudio.app.run;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.inpaint.CropPlan;
import org.repaintstudio.core.inpaint.RePaintParameters;

/**
 * One inpainted sample with everything needed to apply, compare and save it.
 *
 * @param run      number of the run in this session, from 1
 * @param sample   index in its run, from 0
 * @param input    the picture the run started from (shared by the run's samples)
 * @param mask     the binary mask the run used
 * @param frames   x0 estimates at model resolution, in order, for the animation
 * @param engineMetadata the engine's metadata of this sample ({@code RunMetadata}), shared by every writer
 */
public record RunResult(int run, int sample, BufferedImage image, BufferedImage modelSpace, CropPlan plan,
                        BufferedImage input, Mask mask, List<BufferedImage> frames, RePaintParameters parameters,
                        String modelName, String sourceName, long runMillis, Map<String, String> engineMetadata) {

    public String label() {
        return "Run " + run + " · #" + (sample + 1);
    }

    /** PNG text chunks: the parameters that reproduce this sample, as the engine wrote them. */
    public Map<String, String> metadata() {
        return new LinkedHashMap<>(engineMetadata);
    }
}
