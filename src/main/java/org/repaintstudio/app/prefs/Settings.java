package org.repaintstudio.app.prefs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** What the app remembers between sessions; stored as JSON. Unknown keys are ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class Settings {
    public String lastOpenFolder;
    public String lastSaveFolder;
    public String lastMaskFolder;
    public List<String> recentFiles = new ArrayList<>();

    public String modelPath;
    /** Measured milliseconds per UNet call, by model location, device and batch ({@code CallSpeed.key}). */
    public Map<String, Double> msPerCall = new LinkedHashMap<>();

    /** The sampler id (older settings hold upper-case enum names, which are read the same way). */
    public String mode = org.repaintstudio.core.inpaint.RePaintParameters.Preset.DEFAULT.mode().id();
    /** Where models run: cpu, cuda:0, ... (falls back to the CPU with a notice when unavailable). */
    public String device = "cpu";
    public int steps = org.repaintstudio.core.inpaint.RePaintParameters.Preset.DEFAULT.steps();
    public int jumpLength = org.repaintstudio.core.inpaint.RePaintParameters.Preset.DEFAULT.jumpLength();
    public int jumpNSample = org.repaintstudio.core.inpaint.RePaintParameters.Preset.DEFAULT.jumpNSample();
    public double eta = org.repaintstudio.core.inpaint.RePaintParameters.Preset.ETA;
    public long seed = 42;
    public boolean seedLocked = false;
    public int samples = 2;
    /** Native-resolution refinement after the coarse pass (core.refine), its strength and blend band width. */
    public boolean refine = true;
    public double refineStrength = org.repaintstudio.core.refine.RefineOptions.defaults().strength();
    public int blendWidth = org.repaintstudio.core.refine.RefineOptions.defaults().blendWidth();
    /** Whether the refined fill takes its fine grain from around the hole (core.refine.GrainTransfer). */
    public boolean copyGrain = org.repaintstudio.core.refine.RefineOptions.defaults().copyGrain();

    public double windowX = Double.NaN;
    public double windowY = Double.NaN;
    public double windowWidth = 1400;
    public double windowHeight = 900;
    public boolean maximized = false;
    public boolean darkTheme = false;

    public double brushSize = 40;
    public double brushHardness = 0.8;
    public boolean showCropRegion = true;
    public boolean livePreviewOnCanvas = true;
}
