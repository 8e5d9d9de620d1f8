package org.repaintstudio.app.run;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.repaintstudio.app.dialog.DialogService;
import org.repaintstudio.app.model.ModelCatalog;
import org.repaintstudio.app.model.ModelChoice;
import org.repaintstudio.app.prefs.Settings;
import org.repaintstudio.app.task.BackgroundTask;
import org.repaintstudio.app.task.TaskExecutor;
import org.repaintstudio.app.task.TaskHandle;
import org.repaintstudio.app.task.UiCoalescer;
import org.repaintstudio.app.util.AppLog;
import org.repaintstudio.app.util.ErrorMessages;
import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.image.SoftMask;
import org.repaintstudio.core.inpaint.CallSpeed;
import org.repaintstudio.core.inpaint.HoleAdvisor;
import org.repaintstudio.core.inpaint.CropPlan;
import org.repaintstudio.core.inpaint.EngineListener;
import org.repaintstudio.core.inpaint.InpaintEngine;
import org.repaintstudio.core.inpaint.InpaintJob;
import org.repaintstudio.core.inpaint.InpaintOutcome;
import org.repaintstudio.core.inpaint.JobPlan;
import org.repaintstudio.core.inpaint.JobProgress;
import org.repaintstudio.core.inpaint.JobStage;
import org.repaintstudio.core.inpaint.PreviewPolicy;
import org.repaintstudio.core.inpaint.RePaintParameters;
import org.repaintstudio.core.inpaint.RePaintParameters.Preset;
import org.repaintstudio.core.refine.RefineLevel;
import org.repaintstudio.core.refine.RefineOptions;
import org.repaintstudio.core.refine.RefinePlan;
import org.repaintstudio.core.mask.CanvasExtension;
import org.repaintstudio.core.model.ExecutionOptions;
import org.repaintstudio.core.model.ExecutionProvider;
import org.repaintstudio.core.model.LoadedModel;
import org.repaintstudio.core.sampler.PipelineListener.Progress;
import org.repaintstudio.core.sampler.SamplerRegistry;
import org.repaintstudio.core.sampler.SamplerType;
import org.repaintstudio.core.sampler.Shape;
import org.repaintstudio.core.schedule.SchedulerConfig;
import org.repaintstudio.core.schedule.TimestepSchedule;

/**
 * The model, the RePaint parameters and the run: what the run panel, the schedule plot, the
 * previews and the result gallery show. Inference runs on its own {@link TaskExecutor}; engine
 * events reach the UI thread through {@link UiCoalescer}s, never one UI action per event.
 */
public final class RunViewModel {
    /**
     * What a run needs from the document, copied on the UI thread when it starts. The soft mask
     * carries brush hardness and feathering; {@code mask} is its binary form for the gallery.
     */
    public record RunInput(BufferedImage image, Mask mask, SoftMask softMask, String sourceName,
                           boolean keepKnownExact) {
        /** A run with a binary mask. */
        public RunInput(BufferedImage image, Mask mask, String sourceName) {
            this(image, mask, SoftMask.of(mask), sourceName);
        }

        /** An inpainting run: a blend band outside the mask may soften the fill's edge. */
        public RunInput(BufferedImage image, Mask mask, SoftMask softMask, String sourceName) {
            this(image, mask, softMask, sourceName, false);
        }
    }

    /** What the view needs of the open model. */
    public record ModelInfo(String name, Path location, int resolution, SchedulerConfig config) {}

    /** The latest x0 estimate of every sample, one slot per sample. */
    public static final class SamplePreview {
        private final int sample;
        private final ReadOnlyObjectWrapper<BufferedImage> image = new ReadOnlyObjectWrapper<>();
        private final ReadOnlyIntegerWrapper step = new ReadOnlyIntegerWrapper();
        private final ReadOnlyBooleanWrapper done = new ReadOnlyBooleanWrapper();

        SamplePreview(int sample) {
            this.sample = sample;
        }

        public int sample() {
            return sample;
        }

        public ReadOnlyObjectProperty<BufferedImage> imageProperty() {
            return image.getReadOnlyProperty();
        }

        public ReadOnlyIntegerProperty stepProperty() {
            return step.getReadOnlyProperty();
        }

        public ReadOnlyBooleanProperty doneProperty() {
            return done.getReadOnlyProperty();
        }
    }

    /** A live composite for the canvas: the preview of one sample over the crop square. */
    public record LiveFrame(BufferedImage composite, CropPlan plan) {
        /**
         * A refinement level's pixels of {@code region}, on a transparent square from the region's
         * corner (the canvas places composites as squares).
         */
        static LiveFrame ofRegion(Mask.Box region, BufferedImage pixels, int modelSize) {
            int side = Math.max(region.width(), region.height());
            BufferedImage square = new BufferedImage(side, side, BufferedImage.TYPE_INT_ARGB);
            int[] rgb = pixels.getRGB(0, 0, region.width(), region.height(), null, 0, region.width());
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] |= 0xFF000000;
            }
            square.setRGB(0, 0, region.width(), region.height(), rgb, 0, region.width());
            return new LiveFrame(square, new CropPlan(region.x(), region.y(), side, modelSize, 0));
        }
    }

    /** The widest blend band offered: wider bands only blur the photo around the fill. */
    public static final int MAX_BLEND_WIDTH = 64;

    /** Side in pixels of the live composite shown on the canvas. */
    static final int LIVE_SIDE = 512;

    /** Memory the gallery's full-size results may use; the newest run is always kept. */
    public static final long RESULTS_BUDGET_BYTES = 768L * 1024 * 1024;

    private record PreviewEvent(int sample, int step, BufferedImage image, boolean isFinal) {}

    // Inputs.
    private final ObjectProperty<SamplerType> mode = new SimpleObjectProperty<>(SamplerRegistry.defaultType());
    private final IntegerProperty steps = new SimpleIntegerProperty(Preset.DEFAULT.steps());
    private final IntegerProperty jumpLength = new SimpleIntegerProperty(Preset.DEFAULT.jumpLength());
    private final IntegerProperty jumpNSample = new SimpleIntegerProperty(Preset.DEFAULT.jumpNSample());
    private final ObjectProperty<String> device = new SimpleObjectProperty<>("cpu");
    private final ReadOnlyStringWrapper deviceNotice = new ReadOnlyStringWrapper("");
    private final DoubleProperty eta = new SimpleDoubleProperty(Preset.ETA);
    private final LongProperty seed = new SimpleLongProperty(42);
    private final BooleanProperty seedLocked = new SimpleBooleanProperty(false);
    private final IntegerProperty samples = new SimpleIntegerProperty(2);
    private final BooleanProperty refine = new SimpleBooleanProperty(true);
    private final DoubleProperty refineStrength = new SimpleDoubleProperty(RefineOptions.defaults().strength());
    private final IntegerProperty blendWidth = new SimpleIntegerProperty(RefineOptions.defaults().blendWidth());
    private final BooleanProperty copyGrain = new SimpleBooleanProperty(RefineOptions.defaults().copyGrain());
    private final ObjectProperty<ModelChoice> selectedModel = new SimpleObjectProperty<>();
    private final ObservableList<ModelChoice> models = FXCollections.observableArrayList();

    // Derived and run state.
    private final ReadOnlyObjectWrapper<ModelInfo> model = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper modelStatus = new ReadOnlyStringWrapper("No model loaded");
    private final ReadOnlyBooleanWrapper modelLoading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Preset> matchingPreset = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<TimestepSchedule> schedule = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper modelCalls = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper estimate = new ReadOnlyStringWrapper("");
    /** The painted mask the estimate plans for (null: none), and its refinement, planned in the background. */
    private Mask plannedMask;
    private RefinePlan refineForecast;
    /** The painted mask's {@link HoleAdvisor#holeRadius} (NaN: none), so the estimate counts the advised calls. */
    private double holeRadiusForecast = Double.NaN;
    private int forecastRevision;
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper stageText = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper cursorEntry = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyStringWrapper lastRun = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<LiveFrame> liveFrame = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper previewsReceived = new ReadOnlyIntegerWrapper();
    private final ObservableList<SamplePreview> previews = FXCollections.observableArrayList();
    private final ObservableList<RunResult> results = FXCollections.observableArrayList();
    private final ObjectProperty<RunResult> selectedResult = new SimpleObjectProperty<>();

    private final ModelCatalog catalog;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final Settings settings;
    private final Runnable saveSettings;
    private final BiFunction<Path, ExecutionOptions, LoadedModel> opener;
    private LoadedModel loaded;
    private TaskHandle runHandle;
    private AtomicReferenceArray<PreviewEvent> latest;
    private List<SamplePreview> slots = List.of();
    private int runCounter;
    private boolean restoringModel;

    public RunViewModel(ModelCatalog catalog, TaskExecutor executor, DialogService dialogs, Settings settings,
                        Runnable saveSettings, BiFunction<Path, ExecutionOptions, LoadedModel> opener) {
        this.catalog = catalog;
        this.executor = executor;
        this.dialogs = dialogs;
        this.settings = settings;
        this.saveSettings = saveSettings;
        this.opener = opener;
        restore(settings);
        for (Observable o : new Observable[] {mode, steps, jumpLength, jumpNSample, eta, samples, model}) {
            o.addListener(x -> recompute());
        }
        for (Observable o : new Observable[] {model, refine, refineStrength, blendWidth}) {
            o.addListener(x -> forecastRefinement());
        }
        selectedModel.addListener((o, old, choice) -> {
            if (choice != null && (loaded == null || !choice.location().equals(loaded.location()))) {
                loadModel(choice);
            }
        });
        device.addListener((o, old, now) -> {
            settings.device = now;
            saveSettings.run();
            ModelChoice choice = selectedModel.get();
            if (choice != null && !Objects.equals(old, now)) {
                loadModel(choice);
            }
        });
        recompute();
    }

    private void restore(Settings s) {
        try {
            mode.set(SamplerRegistry.byId(s.mode));
        } catch (UserFacingException e) {
            mode.set(SamplerRegistry.defaultType());
        }
        device.set(s.device == null ? "cpu" : s.device);
        steps.set(s.steps);
        jumpLength.set(s.jumpLength);
        jumpNSample.set(s.jumpNSample);
        eta.set(s.eta);
        seed.set(s.seed);
        seedLocked.set(s.seedLocked);
        samples.set(Math.max(1, Math.min(RePaintParameters.MAX_SAMPLES, s.samples)));
        refine.set(s.refine);
        refineStrength.set(s.refineStrength > 0 && s.refineStrength <= 1 ? s.refineStrength
                : RefineOptions.defaults().strength());
        blendWidth.set(Math.max(0, Math.min(MAX_BLEND_WIDTH, s.blendWidth)));
        copyGrain.set(s.copyGrain);
    }

    /** Writes the parameters into the settings object (saved by the caller with the rest). */
    public void storeSettings() {
        settings.mode = mode.get().id();
        settings.device = device.get();
        settings.steps = steps.get();
        settings.jumpLength = jumpLength.get();
        settings.jumpNSample = jumpNSample.get();
        settings.eta = eta.get();
        settings.seed = seed.get();
        settings.seedLocked = seedLocked.get();
        settings.samples = samples.get();
        settings.refine = refine.get();
        settings.refineStrength = refineStrength.get();
        settings.blendWidth = blendWidth.get();
        settings.copyGrain = copyGrain.get();
        ModelInfo m = model.get();
        if (m != null) {
            settings.modelPath = m.location().toString();
        }
    }

    // --- models ----------------------------------------------------------------------------------

    /** Rescans the catalog and opens the remembered (or the first) model. */
    public void refreshModels() {
        executor.execute(BackgroundTask.wrap("List models", catalog::list)
                .onSuccess(list -> {
                    models.setAll(list);
                    if (list.isEmpty()) {
                        selectedModel.set(null); // e.g. the last model was deleted in the Models window
                        modelStatus.set("No model found: use Add model… to choose a model folder or .onnx file.");
                        return;
                    }
                    ModelChoice pick = list.stream()
                            .filter(c -> settings.modelPath != null && c.location().toString().equals(settings.modelPath))
                            .findFirst()
                            .orElse(list.get(0));
                    selectedModel.set(pick);
                })
                .onFailure(e -> report("list the models", e)));
    }

    public void addModel(Path folderOrOnnx) {
        executor.execute(BackgroundTask.wrap("Add model", () -> catalog.add(folderOrOnnx))
                .onSuccess(choice -> {
                    saveSettings.run();
                    ModelChoice existing = models.stream().filter(c -> c.location().equals(choice.location()))
                            .findFirst().orElse(null);
                    if (existing == null) {
                        models.add(choice);
                        existing = choice;
                    }
                    selectedModel.set(existing);
                })
                .onFailure(e -> report("add the model", e)));
    }

    private void loadModel(ModelChoice choice) {
        modelLoading.set(true);
        modelStatus.set("Opening " + choice.name() + "…");
        LoadedModel previous = loaded;
        loaded = null;
        model.set(null);
        executor.execute(BackgroundTask.of("Open model", ctx -> {
                    if (previous != null) {
                        previous.close();
                    }
                    LoadedModel m = openOnDevice(choice.location());
                    try {
                        measureSpeed(m);
                    } catch (RuntimeException e) {
                        m.close();
                        throw e;
                    }
                    return m;
                })
                .onSuccess(m -> {
                    modelLoading.set(false);
                    if (!Objects.equals(selectedModel.get(), choice)) {
                        // Another model was chosen meanwhile; its own task loads it.
                        return;
                    }
                    loaded = m;
                    model.set(new ModelInfo(choice.name(), m.location(), m.resolution(), m.schedulerConfig()));
                    modelStatus.set(choice.name() + " · " + m.resolution() + " × " + m.resolution() + " px · "
                            + m.execution().deviceName() + (deviceNotice.get().isEmpty() ? "" : " · " + deviceNotice.get()));
                    settings.modelPath = choice.location().toString();
                    saveSettings.run();
                })
                .onCancelled(() -> { // its first-use conversion was stopped; picking it again retries
                    modelLoading.set(false);
                    modelStatus.set("No model loaded: converting " + choice.name() + " was stopped.");
                    if (Objects.equals(selectedModel.get(), choice)) {
                        selectedModel.set(null);
                    }
                })
                .onFailure(e -> {
                    modelLoading.set(false);
                    modelStatus.set("Could not open " + choice.name());
                    report("open the model " + choice.name(), e);
                }));
    }

    /**
     * Opens the model on the chosen device; if that device cannot run here, on the CPU with a
     * notice saying why. The choice stays remembered, so a fixed GPU set-up is used next time.
     */
    private LoadedModel openOnDevice(Path location) {
        ExecutionOptions wanted;
        try {
            wanted = ExecutionOptions.parse(device.get(), 0);
        } catch (UserFacingException e) {
            wanted = ExecutionOptions.cpu();
        }
        try {
            LoadedModel m = opener.apply(location, wanted);
            executor.runOnUiThread(() -> deviceNotice.set(""));
            return m;
        } catch (UserFacingException e) {
            if (wanted.isCpu()) {
                throw e;
            }
            String why = e.getMessage();
            AppLog.info("device " + wanted.deviceName() + " unavailable, using the CPU: " + why);
            executor.runOnUiThread(() -> deviceNotice.set("Running on the CPU: " + why));
            return opener.apply(location, wanted.onCpu());
        }
    }

    /** The devices to offer: the CPU, and each GPU provider this build has. */
    public List<String> devices() {
        List<String> list = new ArrayList<>();
        for (ExecutionProvider p : ExecutionProvider.ALL) {
            if (p.isCpu() || p.isCompiledIn()) {
                list.add(p.hasDevices() ? p.id() + ":0" : p.id());
            }
        }
        if (!list.contains(device.get())) {
            list.add(device.get()); // the remembered choice stays visible even if this build lacks it
        }
        return list;
    }

    /** A warm-up call and two timed ones, so the estimate exists before the first run. */
    private void measureSpeed(LoadedModel m) {
        String key = CallSpeed.key(m.speedKey(), 1);
        if (CallSpeed.msPerCall(settings.msPerCall, m.speedKey(), 1) != null) {
            return;
        }
        int r = m.resolution();
        Shape shape = new Shape(1, 3, r, r);
        float[] x = new float[shape.size()];
        float[] out = new float[m.denoiser().outputChannels() * r * r];
        m.denoiser().predict(x, shape, 500, out);
        long t0 = System.nanoTime();
        m.denoiser().predict(x, shape, 400, out);
        m.denoiser().predict(x, shape, 300, out);
        double ms = (System.nanoTime() - t0) / 2e6;
        executor.runOnUiThread(() -> {
            settings.msPerCall.put(key, ms);
            recompute();
        });
    }

    // --- parameters ------------------------------------------------------------------------------

    public void applyPreset(Preset preset) {
        mode.set(preset.mode());
        steps.set(preset.steps());
        jumpLength.set(preset.jumpLength());
        jumpNSample.set(preset.jumpNSample());
        eta.set(preset.eta());
    }

    public void randomiseSeed() {
        seed.set(ThreadLocalRandom.current().nextLong(0, 1L << 31));
    }

    public RePaintParameters parameters() {
        int total = samples.get();
        return new RePaintParameters(mode.get(), steps.get(), jumpLength.get(), jumpNSample.get(), eta.get(),
                seed.get(), total, null, 1);
    }

    /** The native-resolution refinement settings of the next run. */
    public RefineOptions refineOptions() {
        double strength = Math.max(0.05, Math.min(1.0, refineStrength.get()));
        return RefineOptions.defaults().withEnabled(refine.get()).withStrength(strength)
                .withBlendWidth(Math.max(0, Math.min(MAX_BLEND_WIDTH, blendWidth.get()))).withCopyGrain(copyGrain.get());
    }

    private int trainSteps() {
        ModelInfo m = model.get();
        return m == null ? SchedulerConfig.defaults().numTrainTimesteps() : m.config().numTrainTimesteps();
    }

    private void recompute() {
        Preset match = null;
        for (Preset p : Preset.values()) {
            if (p.matches(parameters())) {
                match = p;
            }
        }
        matchingPreset.set(match);
        RePaintParameters p = parameters();
        try {
            p.validate(trainSteps());
            ModelInfo m = model.get();
            SchedulerConfig config = m == null ? SchedulerConfig.defaults() : m.config();
            TimestepSchedule s = p.schedule(config);
            // The run itself may take the narrow-hole advice; the estimate counts what it will run.
            HoleAdvisor.Advice advice = HoleAdvisor.advise(holeRadiusForecast, p);
            TimestepSchedule runs = advice.changed() ? advice.params().schedule(config) : s;
            problem.set("");
            if (!running.get()) {
                schedule.set(s);
            }
            modelCalls.set(s.denoiseCount());
            estimate.set(estimateText(runs.denoiseCount(), p.samples(), refineForecast));
        } catch (UserFacingException e) {
            problem.set(e.getMessage());
            modelCalls.set(0);
            estimate.set("");
            if (!running.get()) {
                schedule.set(null);
            }
        }
    }

    /** What the estimate plans for the painted mask: its refinement (null: none) and its hole radius. */
    private record Forecast(RefinePlan refine, double holeRadius) {}

    /** The painted mask changed (null or empty: nothing painted): re-plans its refinement for the estimate. */
    public void maskChanged(Mask mask) {
        plannedMask = mask == null || mask.isEmpty() ? null : mask;
        forecastRefinement();
    }

    /** Plans the refinement of the painted mask in the background; a newer change wins over an older plan. */
    private void forecastRefinement() {
        int revision = ++forecastRevision;
        ModelInfo m = model.get();
        Mask mask = plannedMask;
        RefineOptions options = refineOptions();
        if (mask == null || m == null) {
            refineForecast = null;
            holeRadiusForecast = Double.NaN;
            recompute();
            return;
        }
        executor.execute(BackgroundTask.wrap("Plan refinement", () -> new Forecast(
                        options.enabled() ? InpaintEngine.refinePlan(mask, m.resolution(), m.config(), options) : null,
                        HoleAdvisor.holeRadius(SoftMask.of(mask), m.resolution())))
                .onSuccess(forecast -> {
                    if (revision == forecastRevision) {
                        refineForecast = forecast.refine();
                        holeRadiusForecast = forecast.holeRadius();
                        recompute();
                    }
                }));
    }

    /** The coarse pass and, when the mask's square is shrunk, each sample's refinement levels. */
    private String estimateText(int coarseCalls, int sampleCount, RefinePlan refine) {
        if (refine == null || refine.isEmpty()) {
            return estimateText(coarseCalls, sampleCount);
        }
        int levels = refine.levels().size();
        String base = String.format(Locale.ROOT, "%,d UNet calls (coarse %,d × %d sample%s + %d refinement level%s)",
                coarseCalls + sampleCount * refine.totalCalls(), coarseCalls, sampleCount, sampleCount == 1 ? "" : "s",
                levels, levels == 1 ? "" : "s");
        Double coarseMs = speedAt(sampleCount);
        if (coarseMs == null) {
            return base + (model.get() == null ? "" : " · measuring speed…");
        }
        double seconds = CallSpeed.seconds(coarseCalls, coarseMs);
        for (RefineLevel level : refine.levels()) {
            // A level's calls send up to maxBatch tiles each, so they cost a call at that batch.
            Double ms = speedAt(Math.min(refine.options().maxBatch(), level.tiles().size()));
            seconds += sampleCount * CallSpeed.seconds(refine.callsOf(level), ms == null ? coarseMs : ms);
        }
        return base + " · about " + formatDuration(seconds);
    }

    /** The measured (or scaled) time of one call at this batch, or null before any measurement. */
    private Double speedAt(int batch) {
        LoadedModel open = loaded;
        return model.get() == null || open == null ? null : CallSpeed.msPerCall(settings.msPerCall, open.speedKey(), batch);
    }

    private String estimateText(int calls, int sampleCount) {
        String base = String.format(Locale.ROOT, "%,d UNet calls × %d sample%s", calls, sampleCount,
                sampleCount == 1 ? "" : "s");
        ModelInfo m = model.get();
        LoadedModel open = loaded;
        // The samples share each call: the cost is that of a call at this batch, measured or scaled.
        Double ms = m == null || open == null ? null : CallSpeed.msPerCall(settings.msPerCall, open.speedKey(), sampleCount);
        if (ms == null) {
            return base + (m == null ? "" : " · measuring speed…");
        }
        return base + " · about " + formatDuration(CallSpeed.seconds(calls, ms)) + " at " + CallSpeed.rate(ms);
    }

    /** The estimate for a planned job: the same sum as before the run, from the job's own plan. */
    private String estimateText(JobPlan plan) {
        return estimateText(plan.coarseCalls(), plan.batch(), plan.refine());
    }

    public static String formatDuration(double seconds) {
        return org.repaintstudio.app.util.Durations.format(seconds);
    }

    // --- running ---------------------------------------------------------------------------------

    /** Starts a run on a copy of the document; returns false (and says why) if it cannot. */
    public boolean run(Supplier<RunInput> inputSupplier) {
        if (running.get()) {
            return false;
        }
        if (loaded == null) {
            dialogs.showWarning("No model", modelLoading.get() ? "The model is still opening; try again in a moment."
                    : "Choose a model first (Add model… if the list is empty).");
            return false;
        }
        if (!problem.get().isEmpty()) {
            dialogs.showWarning("Check the parameters", problem.get());
            return false;
        }
        RunInput input = inputSupplier.get();
        if (input == null) {
            dialogs.showWarning("No picture", "Open or paste a picture first.");
            return false;
        }
        if (input.softMask().isEmpty()) {
            dialogs.showWarning("Nothing to repaint", "Paint over the part of the picture to repaint first.");
            return false;
        }
        if (!seedLocked.get()) {
            randomiseSeed();
        }
        LoadedModel m = loaded;
        ModelInfo info = model.get();
        InpaintEngine engine = InpaintEngine.of(m);
        // Fast and Balanced on narrow holes may start part-way down (core HoleAdvisor); the run says so.
        HoleAdvisor.Advice advice = HoleAdvisor.advise(input.softMask(), parameters(), m.resolution());
        InpaintJob job = new InpaintJob(input.image(), input.softMask(), advice.params(), PreviewPolicy.live(LIVE_SIDE),
                input.sourceName(), refineOptions(), keepKnownExact(input));
        JobPlan plan = engine.plan(job);
        int frameStride = Math.max(1, plan.coarseCalls() / 120);
        int n = job.params().samples();
        int runNumber = ++runCounter;
        String speedKey = m.speedKey();
        startRunState(n, plan);
        if (advice.changed()) {
            progressText.set("Starting… " + advice.note());
            AppLog.info("run " + runNumber + ": " + advice.note());
        }
        List<List<BufferedImage>> frames = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            frames.add(Collections.synchronizedList(new ArrayList<>()));
        }
        EngineListener listener = uiListener(plan, frameStride, frames);
        long startNanos = System.nanoTime();
        runHandle = executor.execute(BackgroundTask.of("RePaint", ctx -> engine.run(job, listener, ctx.cancellation()))
                .onSuccess(outcome -> showOutcome(new FinishedRun(runNumber, input, info.name(), speedKey, frames,
                        (System.nanoTime() - startNanos) / 1_000_000), outcome))
                .onCancelled(() -> {
                    progressText.set("Cancelled");
                    stageText.set("");
                    liveFrame.set(null);
                    previews.clear();
                    AppLog.info("run " + runNumber + " cancelled");
                })
                .onFailure(e -> {
                    progressText.set("Failed");
                    stageText.set("");
                    liveFrame.set(null);
                    report("inpaint", e);
                })
                .onFinished(() -> {
                    running.set(false);
                    runHandle = null;
                    cursorEntry.set(-1);
                    // The plot keeps the whole job that ran (levels included) until a parameter changes.
                    TimestepSchedule ran = schedule.get();
                    recompute();
                    schedule.set(ran);
                }));
        return true;
    }

    /**
     * Outpainting keeps every known pixel exactly: a run the caller marks so, or one whose mask fills
     * a whole edge of the picture, as after Extend canvas.
     */
    static boolean keepKnownExact(RunInput input) {
        return input.keepKnownExact() || CanvasExtension.isOutpaintingMask(input.softMask());
    }

    /** What a finished run needs besides the engine's outcome to become gallery results. */
    private record FinishedRun(int number, RunInput input, String modelName, String speedKey,
                               List<List<BufferedImage>> frames, long millis) {}

    /** Puts a finished run's samples in the gallery and records its measured speed (on the UI thread). */
    private void showOutcome(FinishedRun run, InpaintOutcome outcome) {
        List<RunResult> made = new ArrayList<>();
        for (int i = 0; i < outcome.results().size(); i++) {
            made.add(new RunResult(run.number(), i, outcome.results().get(i), outcome.modelSpace().get(i),
                    outcome.crop(), run.input().image(), run.input().mask(), List.copyOf(run.frames().get(i)),
                    outcome.params(), run.modelName(), run.input().sourceName(), run.millis(), outcome.metadata(i)));
        }
        drainPreviews();
        results.addAll(0, made);
        trimResults();
        selectedResult.set(made.get(0));
        int n = made.size();
        var stats = outcome.stats();
        if (stats.modelCalls() > 0) {
            settings.msPerCall.put(CallSpeed.key(run.speedKey(), n), CallSpeed.measured(stats.totalNanos(), stats.modelCalls()));
            recompute();
        }
        String took = formatDuration(run.millis() / 1000.0);
        progress.set(1);
        progressText.set(String.format(Locale.ROOT, "Done: %d sample%s in %s", n, n == 1 ? "" : "s", took));
        stageText.set("");
        String picked = outcome.params().mode().equals(mode.get()) ? "" : ", " + outcome.params().mode().label();
        lastRun.set(String.format(Locale.ROOT, "Last run %s (%d calls%s)", took, outcome.jobCalls(), picked));
        AppLog.info("run " + run.number() + " done in " + run.millis() + " ms: " + outcome.params().describe());
    }

    /** Resets the previews, plot and progress for a run that is about to start. */
    private void startRunState(int sampleCount, JobPlan plan) {
        List<SamplePreview> made = new ArrayList<>();
        for (int i = 0; i < sampleCount; i++) {
            made.add(new SamplePreview(i));
        }
        slots = made;
        latest = new AtomicReferenceArray<>(sampleCount);
        previews.setAll(made);
        previewsReceived.set(0);
        liveFrame.set(null);
        schedule.set(plan.wholeSchedule());
        cursorEntry.set(0);
        progress.set(0);
        progressText.set("Starting…");
        stageText.set(plan.refines() ? stageLine(plan.stages().get(0)) : "");
        estimate.set(estimateText(plan));
        running.set(true);
        storeSettings();
        saveSettings.run();
    }

    /** Engine events to the UI thread, coalesced: never one UI action per event. */
    private EngineListener uiListener(JobPlan plan, int frameStride, List<List<BufferedImage>> frames) {
        UiCoalescer<JobProgress> progressUi = new UiCoalescer<>(executor, this::showProgress);
        UiCoalescer<Boolean> previewUi = new UiCoalescer<>(executor, x -> drainPreviews());
        UiCoalescer<LiveFrame> liveUi = new UiCoalescer<>(executor, liveFrame::set);
        AtomicReferenceArray<PreviewEvent> slotsLatest = latest;
        return new EngineListener() {
            @Override
            public void jobProgressed(JobProgress p) {
                progressUi.post(p);
            }

            @Override
            public void regionUpdated(JobStage stage, int sample, Mask.Box region, BufferedImage pixels) {
                if (sample == 0) {
                    liveUi.post(LiveFrame.ofRegion(region, pixels, plan.crop().modelSize()));
                }
            }

            @Override
            public void preview(Preview p) {
                if (p.isFinal() || p.denoiseDone() % frameStride == 0) {
                    frames.get(p.sample()).add(p.modelSpace());
                }
                slotsLatest.set(p.sample(), new PreviewEvent(p.sample(), p.denoiseDone(), p.modelSpace(), p.isFinal()));
                previewUi.post(Boolean.TRUE);
                if (p.live() != null) {
                    liveUi.post(new LiveFrame(p.live(), plan.crop()));
                }
            }
        };
    }


    /** Full-size results are big: older runs go once the gallery holds more than the budget. */
    private void trimResults() {
        long bytes = 0;
        int keep = 0;
        int newestRun = results.isEmpty() ? 0 : results.get(0).run();
        for (RunResult r : results) {
            bytes += 4L * r.image().getWidth() * r.image().getHeight();
            if (bytes > RESULTS_BUDGET_BYTES && r.run() != newestRun) {
                break;
            }
            keep++;
        }
        if (keep < results.size()) {
            int dropped = results.size() - keep;
            results.remove(keep, results.size());
            AppLog.info("dropped " + dropped + " older results to stay within the memory budget");
        }
    }

    /** The whole job's progress (every pass) and the status line naming the level and tile batch running. */
    private void showProgress(JobProgress p) {
        progress.set(p.fraction());
        cursorEntry.set(p.entry());
        String eta = p.callsDone() == 0 ? "" : " · " + formatDuration(p.etaNanos() / 1e9) + " left";
        progressText.set(String.format(Locale.ROOT, "UNet call %d/%d · %.1f calls/s%s", p.callsDone(),
                p.callsTotal(), p.callsPerSecond(), eta));
        stageText.set(stageLine(p.stage()));
    }

    /** "Coarse pass (level 1 of 3)", "Refining level 2 of 3 · tiles 4/9 at full detail"; empty for a one-pass job. */
    static String stageLine(JobStage stage) {
        if (stage.passCount() <= 1) {
            return "";
        }
        String level = "level " + (stage.pass() + 1) + " of " + stage.passCount();
        if (!stage.isRefinement()) {
            return "Coarse pass (" + level + ")";
        }
        return "Refining " + level + " · tile batch " + (stage.tile() + 1) + "/" + stage.tileCount()
                + (stage.pass() == stage.passCount() - 1 ? " at the photo's own resolution" : "");
    }

    private void drainPreviews() {
        AtomicReferenceArray<PreviewEvent> latest = this.latest;
        List<SamplePreview> slots = this.slots;
        if (latest == null) {
            return;
        }
        int got = 0;
        for (int i = 0; i < latest.length(); i++) {
            PreviewEvent e = latest.getAndSet(i, null);
            if (e != null && i < slots.size()) {
                SamplePreview slot = slots.get(i);
                slot.image.set(e.image());
                slot.step.set(e.step());
                slot.done.set(e.isFinal());
                got++;
            }
        }
        previewsReceived.set(previewsReceived.get() + got);
    }

    /** Stops the run before its next UNet call. */
    public void cancel() {
        if (runHandle != null) {
            progressText.set("Cancelling…");
            runHandle.cancel();
        }
    }

    public void clearResults() {
        results.clear();
        selectedResult.set(null);
        previews.clear();
        liveFrame.set(null);
    }

    private void report(String action, Throwable e) {
        AppLog.error("failed to " + action, e);
        dialogs.showError("RePaint Studio", ErrorMessages.describe(action, e));
    }

    /** Closes the open model; call when the app exits. */
    public void shutdown() {
        if (runHandle != null) {
            runHandle.cancel();
        }
        LoadedModel m = loaded;
        loaded = null;
        if (m != null) {
            executor.execute(BackgroundTask.run("Close model", m::close));
        }
    }

    // --- properties ------------------------------------------------------------------------------

    public ObjectProperty<SamplerType> modeProperty() { return mode; }
    /** The registered samplers, for the mode list. */
    public List<SamplerType> modes() { return SamplerRegistry.all(); }
    /** The remembered device: cpu, cuda:0, ... */
    public ObjectProperty<String> deviceProperty() { return device; }
    /** Why the model runs on the CPU although another device was chosen; empty when it does not. */
    public ReadOnlyStringProperty deviceNoticeProperty() { return deviceNotice.getReadOnlyProperty(); }
    public IntegerProperty stepsProperty() { return steps; }
    public IntegerProperty jumpLengthProperty() { return jumpLength; }
    public IntegerProperty jumpNSampleProperty() { return jumpNSample; }
    public DoubleProperty etaProperty() { return eta; }
    public LongProperty seedProperty() { return seed; }
    public BooleanProperty seedLockedProperty() { return seedLocked; }
    public IntegerProperty samplesProperty() { return samples; }
    /** Native-resolution detail: refine the fill up to the photo's resolution where the crop was shrunk. */
    public BooleanProperty refineProperty() { return refine; }
    /** How much each refinement level redraws, (0, 1]. */
    public DoubleProperty refineStrengthProperty() { return refineStrength; }
    /** Width in pixels of the blend band outside the mask. */
    public IntegerProperty blendWidthProperty() { return blendWidth; }
    /** Whether the refined fill takes its fine grain from the photo around the hole. */
    public BooleanProperty copyGrainProperty() { return copyGrain; }
    /** Which pass, level and tile batch is running; empty for a one-pass job or when idle. */
    public ReadOnlyStringProperty stageTextProperty() { return stageText.getReadOnlyProperty(); }
    public ObjectProperty<ModelChoice> selectedModelProperty() { return selectedModel; }
    public ObservableList<ModelChoice> models() { return models; }
    public ReadOnlyObjectProperty<ModelInfo> modelProperty() { return model.getReadOnlyProperty(); }
    public ReadOnlyStringProperty modelStatusProperty() { return modelStatus.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty modelLoadingProperty() { return modelLoading.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Preset> matchingPresetProperty() { return matchingPreset.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<TimestepSchedule> scheduleProperty() { return schedule.getReadOnlyProperty(); }
    public ReadOnlyIntegerProperty modelCallsProperty() { return modelCalls.getReadOnlyProperty(); }
    public ReadOnlyStringProperty estimateProperty() { return estimate.getReadOnlyProperty(); }
    public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty progressTextProperty() { return progressText.getReadOnlyProperty(); }
    public ReadOnlyIntegerProperty cursorEntryProperty() { return cursorEntry.getReadOnlyProperty(); }
    public ReadOnlyStringProperty lastRunProperty() { return lastRun.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<LiveFrame> liveFrameProperty() { return liveFrame.getReadOnlyProperty(); }
    public ReadOnlyIntegerProperty previewsReceivedProperty() { return previewsReceived.getReadOnlyProperty(); }
    public ObservableList<SamplePreview> previews() { return previews; }
    public ObservableList<RunResult> results() { return results; }
    public ObjectProperty<RunResult> selectedResultProperty() { return selectedResult; }
}
