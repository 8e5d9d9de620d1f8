package org.repaintstudio.core.inpaint;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The PNG text chunks that make a result reproducible. Every writer (the CLI's inpaint, generate and
 * batch, the app's save and export) takes them from here, so they always agree.
 */
public final class RunMetadata {
    public static final String SOFTWARE = "RePaint Studio";

    private RunMetadata() {}

    /**
     * @param source the input's file name, or null
     * @param crop   where the model worked, or null for whole-image generation
     * @param device the execution device ("cpu", "cuda:0"), or null if unknown
     */
    public static Map<String, String> of(String model, String source, RePaintParameters params, CropPlan crop,
                                         String device) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("Software", SOFTWARE);
        if (source != null) {
            meta.put("Source", source);
        }
        meta.put("Model", model);
        params.describe().forEach((k, v) -> meta.put("repaint." + k, v));
        if (crop != null) {
            meta.put("repaint.crop", crop.x() + "," + crop.y() + "," + crop.side());
        }
        if (device != null) {
            meta.put("repaint.device", device);
        }
        return meta;
    }

    /**
     * The refinement a job ran: "off", "none" (on, but the crop was not shrunk) or its settings and
     * level count; and "exact" where every pixel outside the mask kept its value.
     */
    public static void putRefinement(Map<String, String> meta, org.repaintstudio.core.refine.RefinePlan plan,
                                     boolean keepKnownExact) {
        org.repaintstudio.core.refine.RefineOptions o = plan.options();
        meta.put("repaint.refine", !o.enabled() ? "off" : plan.isEmpty() ? "none"
                : String.format(java.util.Locale.ROOT, "levels=%d,strength=%s,steps=%d,blend_width=%d,grain=%s",
                        plan.levels().size(), o.strength(), o.steps(), o.blendWidth(), o.copyGrain() ? "copied" : "model"));
        if (keepKnownExact) {
            meta.put("repaint.known_pixels", "exact");
        }
    }

    /** The run's metadata plus the 1-based sample number. */
    public static Map<String, String> forSample(Map<String, String> run, int sample) {
        Map<String, String> meta = new LinkedHashMap<>(run);
        meta.put("repaint.sample", Integer.toString(sample + 1));
        return meta;
    }
}
