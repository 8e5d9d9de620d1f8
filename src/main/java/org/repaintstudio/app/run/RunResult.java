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
 */
public record RunResult(int run, int sample, BufferedImage image, BufferedImage modelSpace, CropPlan plan,
                        BufferedImage input, Mask mask, List<BufferedImage> frames, RePaintParameters parameters,
                        String modelName, String sourceName, long runMillis) {

    public String label() {
        return "Run " + run + " · #" + (sample + 1);
    }

    /** PNG text chunks: the parameters that reproduce this sample. */
    public Map<String, String> metadata() {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("Software", "RePaint Studio");
        if (sourceName != null) {
            meta.put("Source", sourceName);
        }
        meta.put("Model", modelName);
        parameters.describe().forEach((k, v) -> meta.put("repaint." + k, v));
        meta.put("repaint.sample", Integer.toString(sample + 1));
        meta.put("repaint.crop", plan.x() + "," + plan.y() + "," + plan.side());
        return meta;
    }
}
