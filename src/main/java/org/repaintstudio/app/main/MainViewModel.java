package org.repaintstudio.app.main;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.repaintstudio.app.edit.MaskRaster;
import org.repaintstudio.app.edit.PixelRect;
import org.repaintstudio.app.dialog.DialogService;
import org.repaintstudio.app.dialog.DialogService.FileType;
import org.repaintstudio.app.document.Autosave;
import org.repaintstudio.app.document.DocumentViewModel;
import org.repaintstudio.app.prefs.SettingsStore;
import org.repaintstudio.app.run.RunResult;
import org.repaintstudio.app.run.RunViewModel;
import org.repaintstudio.app.task.BackgroundTask;
import org.repaintstudio.app.task.TaskExecutor;
import org.repaintstudio.app.util.AppLog;
import org.repaintstudio.app.util.ErrorMessages;
import org.repaintstudio.core.image.AnimatedGif;
import org.repaintstudio.core.io.AtomicFiles;
import org.repaintstudio.core.image.ComparisonGrid;
import org.repaintstudio.core.image.ImageFiles;
import org.repaintstudio.core.image.ImageWriters;
import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.image.SoftMask;
import org.repaintstudio.core.image.MaskConvention;
import org.repaintstudio.core.image.MaskFiles;
import org.repaintstudio.core.inpaint.CropPlan;
import org.repaintstudio.core.mask.GreyMasks;

/**
 * The window's logic: opening, pasting, saving and recovering, the recent files, and the link
 * between the document and the run. File work runs on the I/O executor; the UI thread only
 * copies what a task needs.
 */
public final class MainViewModel {
    public static final FileType IMAGES = FileType.of("Images", "*.png", "*.jpg", "*.jpeg", "*.bmp", "*.gif",
            "*.webp", "*.tif", "*.tiff");
    public static final FileType PNG = FileType.of("PNG image", "*.png");
    public static final FileType JPEG = FileType.of("JPEG image", "*.jpg", "*.jpeg");
    public static final FileType GIF = FileType.of("Animated GIF", "*.gif");

    private final DocumentViewModel document;
    private final RunViewModel run;
    private final SettingsStore settings;
    private final DialogService dialogs;
    private final TaskExecutor io;
    private final Autosave autosave;
    private final ObservableList<Path> recentFiles = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<CropPlan> cropPlan = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private static final int CLEARED = -2;
    /** The result last put into the picture: its parameters go into the saved PNG. */
    private RunResult lastApplied;
    private int autosavedRevision = -1;
    private int autosavedImageVersion = -1;
    private int imageVersion;
    private final ResultRecovery keptResults;
    /** Gallery results that are safe: saved to a file or put into the picture. */
    private final java.util.Set<RunResult> safeResults = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private int keptResultsSignature = 0;
    /** How far a crop may shrink the picture before a run asks first (the model sees a tiny copy). */
    static final double LARGE_SHRINK = 8;

    public MainViewModel(DocumentViewModel document, RunViewModel run, SettingsStore settings, DialogService dialogs,
                         TaskExecutor io, Autosave autosave) {
        this.document = document;
        this.run = run;
        this.settings = settings;
        this.dialogs = dialogs;
        this.io = io;
        this.autosave = autosave;
        this.keptResults = new ResultRecovery(autosave.folder());
        reloadRecent();
        document.maskRevisionProperty().addListener((o, a, b) -> updateCropPlan());
        run.modelProperty().addListener((o, a, b) -> updateCropPlan());
        document.addImageListener(r -> imageVersion++);
    }

    private void reloadRecent() {
        recentFiles.setAll(settings.get().recentFiles.stream().map(Path::of).toList());
    }

    // --- opening --------------------------------------------------------------------------------

    /** Asks about unsaved work, naming each kind; true when it is fine to replace or close the document. */
    public boolean confirmDiscard() {
        List<String> unsaved = unsavedWork();
        if (unsaved.isEmpty()) {
            return true;
        }
        return switch (dialogs.askSaveChanges(document.nameProperty().get(), String.join("\n", unsaved))) {
            case SAVE -> saveUnsavedWork();
            case DISCARD -> {
                autosave.clear();
                keptResults.clear();
                yield true;
            }
            case CANCEL -> false;
        };
    }

    /** What would be lost, one line each: the picture with applied results, the mask, gallery results. */
    public List<String> unsavedWork() {
        List<String> out = new ArrayList<>();
        if (document.isDirty() && document.imageChangedSinceSave()) {
            out.add("the changed picture (applied results or a larger canvas)");
        }
        if (document.isDirty() && document.mask() != null && !document.mask().isEmpty()) {
            out.add("the mask");
        }
        int results = unsavedResults().size();
        if (results > 0) {
            out.add(results == 1 ? "1 result in the gallery" : results + " results in the gallery");
        }
        return out;
    }

    List<RunResult> unsavedResults() {
        return run.results().stream().filter(r -> !safeResults.contains(r)).toList();
    }

    /** The prompt's Save…: saves exactly what it listed, each where the user chooses; false if one was cancelled. */
    private boolean saveUnsavedWork() {
        boolean picture = document.isDirty() && document.imageChangedSinceSave();
        boolean mask = document.isDirty() && document.mask() != null && !document.mask().isEmpty();
        if (picture && !saveImageAsBlocking()) {
            return false;
        }
        if (mask && !saveMaskBlocking()) {
            return false;
        }
        if (!unsavedResults().isEmpty() && !saveResultsBlocking()) {
            return false;
        }
        document.markSaved(null);
        autosave.clear();
        keptResults.clear();
        return true;
    }

    private boolean saveMaskBlocking() {
        Optional<Path> target = dialogs.saveFile("Save mask (white = fill)", folder(settings.get().lastMaskFolder),
                suggestedName("-mask.png"), List.of(PNG));
        if (target.isEmpty()) {
            return false;
        }
        byte[] grey = document.mask().snapshot();
        int w = document.mask().width();
        int h = document.mask().height();
        Path t = target.get();
        try {
            writeWithConfirm(t, overwrite -> GreyMasks.write(grey, w, h, t, overwrite));
        } catch (RuntimeException e) {
            report("Cannot save", "save the mask", e);
            return false;
        }
        notice.set("Saved mask " + t.getFileName());
        return true;
    }

    /** Saves every unsaved gallery result into one chosen folder, named by run and sample. */
    private boolean saveResultsBlocking() {
        Optional<Path> dir = dialogs.openFolder("Save the gallery's results into a folder",
                folder(settings.get().lastSaveFolder));
        if (dir.isEmpty()) {
            return false;
        }
        try {
            for (RunResult r : unsavedResults()) {
                Path t = dir.get().resolve(suggestedName("-repaint-" + r.run() + "-" + (r.sample() + 1) + ".png"));
                writeWithConfirm(t, overwrite -> ImageWriters.save(r.image(), t, r.metadata(), overwrite));
                safeResults.add(r);
            }
        } catch (RuntimeException e) {
            report("Cannot save", "save the results", e);
            return false;
        }
        notice.set("Saved the results in " + dir.get().getFileName());
        return true;
    }

    public void openWithDialog() {
        if (run.runningProperty().get()) {
            dialogs.showInfo("Run in progress", "Cancel the run or wait for it to finish before opening another picture.");
            return;
        }
        if (!confirmDiscard()) {
            return;
        }
        dialogs.openFile("Open picture", folder(settings.get().lastOpenFolder), List.of(IMAGES))
                .ifPresent(p -> open(p, false));
    }

    /** Dropped or given files: the first picture opens; a file named like a mask is loaded as the mask. */
    public void openFiles(List<Path> files) {
        List<Path> images = files.stream().filter(ImageFiles::hasImageExtension).toList();
        if (images.isEmpty()) {
            if (!files.isEmpty()) {
                dialogs.showError("Cannot open", files.get(0).getFileName()
                        + " is not a picture RePaint Studio can open (PNG, JPEG, BMP, GIF, WebP or TIFF).");
            }
            return;
        }
        List<Path> masks = new ArrayList<>();
        List<Path> pictures = new ArrayList<>();
        for (Path p : images) {
            (looksLikeMask(p) && images.size() > 1 ? masks : pictures).add(p);
        }
        if (pictures.isEmpty()) {
            pictures.add(masks.remove(0));
        }
        if (pictures.size() == 1 && masks.isEmpty() && document.image() != null && looksLikeMask(pictures.get(0))) {
            // A mask dropped onto an open picture of the same size is meant as its mask.
            loadMaskFile(pictures.get(0), MaskConvention.WHITE_FILL, true);
            return;
        }
        if (run.runningProperty().get()) {
            dialogs.showInfo("Run in progress", "Cancel the run or wait for it to finish before opening another picture.");
            return;
        }
        if (!confirmDiscard()) {
            return;
        }
        Path mask = masks.isEmpty() ? null : masks.get(0);
        open(pictures.get(0), false, mask);
        for (int i = pictures.size() - 1; i >= 1; i--) {
            settings.addRecent(pictures.get(i));
        }
        if (pictures.size() > 1) {
            notice.set((pictures.size() - 1) + " more picture(s) added to File ▸ Open Recent.");
        }
    }

    private static boolean looksLikeMask(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).contains("mask");
    }

    public void open(Path file, boolean askFirst) {
        open(file, askFirst, null);
    }

    private void open(Path file, boolean askFirst, Path maskFile) {
        if (askFirst && !confirmDiscard()) {
            return;
        }
        document.loading(file.getFileName().toString());
        io.execute(BackgroundTask.wrap("Open " + file.getFileName(), () -> ImageFiles.read(file))
                .onSuccess(img -> {
                    run.clearResults();
                    safeResults.clear();
                    lastApplied = null;
                    document.open(img, file, null);
                    autosave.clear();
                    autosavedRevision = document.maskRevisionProperty().get();
                    settings.get().lastOpenFolder = parent(file);
                    settings.addRecent(file);
                    settings.save();
                    reloadRecent();
                    AppLog.info("opened " + file + " (" + img.getWidth() + "x" + img.getHeight() + ")");
                    if (maskFile != null) {
                        loadMaskFile(maskFile, MaskConvention.WHITE_FILL, false);
                    }
                })
                .onFailure(e -> {
                    document.loadingFailed();
                    report("Cannot open", "open " + file.getFileName(), e);
                    if (!Files.exists(file)) {
                        settings.removeRecent(file);
                        settings.save();
                        reloadRecent();
                    }
                }));
    }

    /** A picture from the clipboard: a new untitled document. */
    public void openPasted(BufferedImage image) {
        if (run.runningProperty().get()) {
            dialogs.showInfo("Run in progress", "Cancel the run or wait for it to finish before pasting a picture.");
            return;
        }
        if (!confirmDiscard()) {
            return;
        }
        try {
            ImageFiles.checkSize("The pasted picture", image.getWidth(), image.getHeight());
        } catch (RuntimeException e) {
            report("Cannot paste", "paste the picture", e);
            return;
        }
        run.clearResults();
        safeResults.clear();
        lastApplied = null;
        document.open(ImageFiles.toRgb(image), null, "Pasted image");
        autosave.clear();
        // The picture exists nowhere else: it counts as unsaved until saved.
        autosavedRevision = -1;
    }

    // --- saving ---------------------------------------------------------------------------------

    public boolean saveImageAsBlocking() {
        Optional<Path> target = dialogs.saveFile("Save picture", folder(settings.get().lastSaveFolder),
                suggestedName("-repainted.png"), List.of(PNG, JPEG));
        if (target.isEmpty()) {
            return false;
        }
        BufferedImage copy = copy(document.image());
        Path t = target.get();
        try {
            writeWithConfirm(t, overwrite -> ImageWriters.save(copy, t, lastRunMetadata(), overwrite));
        } catch (RuntimeException e) {
            report("Cannot save", "save the picture", e);
            return false;
        }
        savedTo(t);
        return true;
    }

    public void saveImageAs() {
        if (document.image() == null) {
            return;
        }
        Optional<Path> target = dialogs.saveFile("Save picture", folder(settings.get().lastSaveFolder),
                suggestedName("-repainted.png"), List.of(PNG, JPEG));
        target.ifPresent(t -> {
            BufferedImage copy = copy(document.image());
            var meta = lastRunMetadata();
            saveInBackground(t, "save the picture", overwrite -> ImageWriters.save(copy, t, meta, overwrite),
                    () -> savedTo(t));
        });
    }

    private void savedTo(Path t) {
        settings.get().lastSaveFolder = parent(t);
        settings.save();
        document.markSaved(null);
        autosave.clear();
        notice.set("Saved " + t.getFileName());
    }

    private java.util.Map<String, String> lastRunMetadata() {
        java.util.Map<String, String> meta = new java.util.LinkedHashMap<>();
        meta.put("Software", "RePaint Studio");
        RunResult r = lastApplied != null ? lastApplied : run.selectedResultProperty().get();
        if (r != null) {
            meta.putAll(r.metadata());
        }
        return meta;
    }

    public void saveMaskAs() {
        if (document.mask() == null) {
            return;
        }
        dialogs.saveFile("Save mask (white = fill)", folder(settings.get().lastMaskFolder), suggestedName("-mask.png"),
                List.of(PNG)).ifPresent(t -> {
                    // Grey levels kept: soft brush edges and feathering survive a save.
                    byte[] grey = document.mask().snapshot();
                    int w = document.mask().width();
                    int h = document.mask().height();
                    saveInBackground(t, "save the mask", overwrite -> GreyMasks.write(grey, w, h, t, overwrite), () -> {
                        settings.get().lastMaskFolder = parent(t);
                        settings.save();
                        notice.set("Saved mask " + t.getFileName());
                    });
                });
    }

    public void loadMaskWithDialog(MaskConvention convention) {
        if (document.image() == null) {
            dialogs.showInfo("No picture", "Open a picture first, then load its mask.");
            return;
        }
        dialogs.openFile("Load mask (" + convention.label() + ")", folder(settings.get().lastMaskFolder),
                List.of(IMAGES)).ifPresent(p -> loadMaskFile(p, convention, true));
    }

    /** Loads a mask file; it must match the picture's size. Undoable. */
    public void loadMaskFile(Path file, MaskConvention convention, boolean rememberFolder) {
        BufferedImage img = document.image();
        if (img == null) {
            return;
        }
        int w = img.getWidth();
        int h = img.getHeight();
        io.execute(BackgroundTask.wrap("Load mask", () -> MaskFiles.read(file, convention))
                .onSuccess(mask -> {
                    if (document.image() != img) {
                        return;
                    }
                    if (mask.width() != w || mask.height() != h) {
                        dialogs.showError("Cannot load mask", "The mask " + file.getFileName() + " is " + mask.width()
                                + " × " + mask.height() + " pixels but the picture is " + w + " × " + h + ".");
                        return;
                    }
                    document.replaceMask(mask, "Load mask");
                    if (rememberFolder) {
                        settings.get().lastMaskFolder = parent(file);
                        settings.save();
                    }
                    MaskFiles.invertedWarning(mask, convention).ifPresent(warning ->
                            dialogs.showWarning("Is the mask inverted?", warning + " Mask ▸ Invert (Ctrl+I) flips it."));
                })
                .onFailure(e -> report("Cannot load mask", "load the mask", e)));
    }

    public void saveResult(RunResult r) {
        dialogs.saveFile("Save result", folder(settings.get().lastSaveFolder),
                suggestedName("-repaint-" + r.run() + "-" + (r.sample() + 1) + ".png"), List.of(PNG, JPEG))
                .ifPresent(t -> saveInBackground(t, "save the result",
                        overwrite -> ImageWriters.save(r.image(), t, r.metadata(), overwrite), () -> {
                            safeResults.add(r);
                            settings.get().lastSaveFolder = parent(t);
                            settings.save();
                            notice.set("Saved " + t.getFileName());
                        }));
    }

    /** input | mask | every sample of the result's run. */
    public void saveComparisonGrid(RunResult r) {
        List<BufferedImage> samples = run.results().stream().filter(x -> x.run() == r.run())
                .sorted(java.util.Comparator.comparingInt(RunResult::sample)).map(RunResult::image).toList();
        dialogs.saveFile("Save comparison grid", folder(settings.get().lastSaveFolder),
                suggestedName("-grid-" + r.run() + ".png"), List.of(PNG, JPEG))
                .ifPresent(t -> saveInBackground(t, "save the comparison grid", overwrite -> ImageWriters.save(
                        ComparisonGrid.render(r.input(), r.mask(), samples, Math.min(512, r.input().getHeight())), t,
                        r.metadata(), overwrite), () -> notice.set("Saved " + t.getFileName())));
    }

    /** The x0 estimates of the sample's run as a looping GIF, enlarged so they are visible. */
    public void saveAnimation(RunResult r) {
        if (r.frames().isEmpty()) {
            dialogs.showInfo("No animation", "This result has no recorded denoising steps.");
            return;
        }
        dialogs.saveFile("Save denoising animation", folder(settings.get().lastSaveFolder),
                suggestedName("-denoising-" + r.run() + "-" + (r.sample() + 1) + ".gif"), List.of(GIF))
                .ifPresent(t -> {
                    int res = r.modelSpace().getWidth();
                    int factor = Math.max(1, 256 / Math.max(1, res));
                    saveInBackground(t, "save the animation", overwrite -> AnimatedGif.save(
                            r.frames().stream().map(f -> AnimatedGif.enlarge(f, factor)).toList(), 80, 1500, t,
                            overwrite), () -> notice.set("Saved " + t.getFileName()));
                });
    }

    /** A writer told whether it may replace an existing file. */
    @FunctionalInterface
    interface OverwritingWriter {
        void write(boolean overwrite);
    }

    /** Never overwrites silently: an existing file is replaced only after the user agreed. */
    private void writeWithConfirm(Path target, OverwritingWriter writer) {
        try {
            writer.write(false);
        } catch (AtomicFiles.ExistsException e) {
            if (dialogs.confirmOverwrite(target)) {
                writer.write(true);
            } else {
                throw new org.repaintstudio.core.UserFacingException("Not saved: " + target.getFileName()
                        + " already exists.");
            }
        }
    }

    private void saveInBackground(Path target, String action, OverwritingWriter writer, Runnable done) {
        boolean exists = Files.exists(target);
        if (exists && !dialogs.confirmOverwrite(target)) {
            return;
        }
        io.execute(BackgroundTask.run(action, () -> writer.write(exists))
                .onSuccess(v -> done.run())
                .onFailure(e -> report("Cannot save", action, e)));
    }

    // --- results and runs -----------------------------------------------------------------------

    public boolean startRun() {
        if (!confirmLargeShrink()) {
            return false;
        }
        return run.run(() -> {
            if (document.image() == null) {
                return null;
            }
            // The engine gets the brush's grey levels (hardness, feathering) as a soft mask; the binary view
            // serves what is binary (the crop square shown on the canvas).
            MaskRaster raster = document.mask();
            return new RunViewModel.RunInput(copy(document.image()), raster.toMask(),
                    SoftMask.of(raster.width(), raster.height(), raster.fillCoverage()),
                    document.file() == null ? document.nameProperty().get() : document.file().getFileName().toString());
        });
    }

    /**
     * A mask spread over most of a large picture sends the whole picture, shrunk many times, to
     * the model: say so before the run. With native-resolution detail on, the fill still gets the
     * picture's sharpness, but its layout (what goes where) is decided at the shrunk scale.
     */
    private boolean confirmLargeShrink() {
        CropPlan plan = cropPlan.get();
        if (plan == null || plan.side() < LARGE_SHRINK * plan.modelSize()) {
            return true;
        }
        return dialogs.confirm("Large area", largeShrinkQuestion(document.sizeText(), plan, run.refineProperty().get()),
                "Repaint");
    }

    /** What the large-area question says: how much the model's square shrinks, and what that costs. */
    static String largeShrinkQuestion(String pictureSize, CropPlan plan, boolean refine) {
        double shrink = plan.side() / (double) plan.modelSize();
        String consequence = refine
                ? String.format(Locale.ROOT, "native-resolution detail then redraws it up to the picture's own pixels, "
                        + "but shapes smaller than about %.0f px inside the mask are decided at the shrunk scale",
                        shrink)
                : "fine detail will be lost (native-resolution detail is off)";
        return String.format(Locale.ROOT, "The mask spreads over %s, so the model lays out the fill on a %d px square "
                + "shrunk %.0f× to %d px; %s. Masks over smaller areas keep more. Repaint anyway?", pictureSize,
                plan.side(), shrink, plan.modelSize(), consequence);
    }

    /** Adds a paper mask preset to the mask (one undoable step) and says how the model will see it. */
    public void applyPreset(org.repaintstudio.core.image.MaskPresets p) {
        document.applyPreset(p, run.seedProperty().get());
        updateCropPlan();
        CropPlan plan = cropPlan.get();
        String shrink = plan != null && plan.side() >= LARGE_SHRINK * plan.modelSize()
                ? String.format(Locale.ROOT, " It covers the whole picture: the model will see it shrunk %.0f×.",
                plan.side() / (double) plan.modelSize()) : "";
        notice.set(p.label() + " added to the mask (Ctrl+Z takes it back)." + shrink);
    }

    /** Puts a result into the picture (undoable) so the user can keep editing and run again. */
    public void applyResult(RunResult r) {
        BufferedImage img = document.image();
        if (img == null || img.getWidth() != r.image().getWidth() || img.getHeight() != r.image().getHeight()) {
            dialogs.showError("Cannot apply", "This result belongs to another picture.");
            return;
        }
        CropPlan p = r.plan();
        document.rememberMask();
        safeResults.add(r);
        document.applyImage(r.image(), new PixelRect(p.x(), p.y(), p.side(), p.side()), "Apply " + r.label());
        lastApplied = r;
        notice.set("Applied " + r.label() + "; Ctrl+Z takes it back.");
    }

    private void updateCropPlan() {
        var model = run.modelProperty().get();
        Mask mask = document.mask() == null || document.mask().isEmpty() ? null : document.mask().toMask();
        run.maskChanged(mask);
        if (mask == null || model == null) {
            cropPlan.set(null);
            return;
        }
        cropPlan.set(CropPlan.plan(mask, model.resolution(), CropPlan.DEFAULT_CONTEXT));
    }

    // --- autosave and recovery ------------------------------------------------------------------

    /** Saves the mask if it changed since the last autosave; the picture too if it exists nowhere else. */
    public void autosaveIfChanged() {
        if (document.image() == null) {
            // Nothing open yet: an autosave found at start waits for the user's answer.
            return;
        }
        keepResults();
        if (!document.isDirty() && unsavedResults().isEmpty()) {
            if (autosavedRevision != CLEARED) {
                // Back at the saved state (e.g. undone): an older autosave must not be offered later.
                autosavedRevision = CLEARED;
                io.execute(BackgroundTask.run("Clear autosave", autosave::clear));
            }
            return;
        }
        int revision = document.maskRevisionProperty().get();
        boolean imageNeeded = document.file() == null || document.imageChangedSinceSave();
        boolean imageStale = imageNeeded && autosavedImageVersion != imageVersion;
        if (revision == autosavedRevision && !imageStale) {
            return;
        }
        autosavedRevision = revision;
        Mask mask = document.mask().toMask();
        BufferedImage imageCopy = imageStale ? copy(document.image()) : null;
        if (imageStale) {
            autosavedImageVersion = imageVersion;
        }
        Path source = document.file();
        String name = document.nameProperty().get();
        io.execute(BackgroundTask.run("Autosave", () -> autosave.save(source, name, mask, imageCopy))
                .onFailure(e -> AppLog.error("autosave failed", e)));
    }

    /** Writes the gallery's unsaved results to the recovery folder when they changed. */
    private void keepResults() {
        List<RunResult> unsaved = unsavedResults();
        int signature = 17;
        for (RunResult r : unsaved) {
            signature = signature * 31 + System.identityHashCode(r);
        }
        if (signature == keptResultsSignature) {
            return;
        }
        keptResultsSignature = signature;
        io.execute(BackgroundTask.run("Keep results", () -> keptResults.save(unsaved))
                .onFailure(e -> AppLog.error("keeping the results failed", e)));
    }

    /** What a crashed session left: the picture and mask, and the gallery's results. */
    private record Recovered(Autosave.Recovery work, List<RunResult> results) {}

    /**
     * At start: offers the mask and the gallery results a crashed session left behind, then opens
     * {@code files} (the command line's). Taken recovered work is not replaced by them unasked: the
     * files then stay unopened and the status line says so.
     */
    public void offerRecovery(List<Path> files) {
        Optional<Autosave.Session> found = autosave.peek();
        if (found.isEmpty()) {
            keptResults.clear();
            openAtStart(files);
            return;
        }
        Autosave.Session s = found.get();
        String what = s.displayName != null ? s.displayName : "a picture";
        int results = keptResults.count();
        String extra = results == 0 ? "" : results == 1 ? " and 1 result from the gallery"
                : " and " + results + " results from the gallery";
        if (!dialogs.confirm("Recover unsaved work?", "RePaint Studio did not close properly. Recover the mask you "
                + "painted on " + what + extra + " (autosaved " + s.savedAt.replace('T', ' ').replaceAll("\\..*", "")
                + ")?", "Recover")) {
            autosave.clear();
            keptResults.clear();
            openAtStart(files);
            return;
        }
        io.execute(BackgroundTask.wrap("Recover", () -> {
                    Autosave.Recovery rec = autosave.load();
                    return new Recovered(rec, keptResults.load(rec.image(), rec.mask()));
                })
                .onSuccess(rec -> {
                    document.open(rec.work().image(), rec.work().source(), rec.work().source() == null ? what : null);
                    document.replaceMask(rec.work().mask(), "Recovered mask");
                    run.results().addAll(rec.results());
                    autosavedRevision = -1;
                    notice.set(recoveredNotice(rec.results().size(), files));
                })
                .onFailure(e -> {
                    report("Cannot recover", "recover the autosaved work", e);
                    openAtStart(files);
                }));
    }

    private void openAtStart(List<Path> files) {
        if (!files.isEmpty()) {
            openFiles(files);
        }
    }

    static String recoveredNotice(int results, List<Path> notOpened) {
        String recovered = results == 0 ? "Recovered the mask."
                : "Recovered the mask and " + results + " result(s) in the gallery.";
        if (notOpened.isEmpty()) {
            return recovered;
        }
        String which = notOpened.size() == 1 ? notOpened.get(0).getFileName() + " was"
                : notOpened.get(0).getFileName() + " and " + (notOpened.size() - 1) + " more were";
        return recovered + " " + which + " not opened, so the recovered work stays; open it with File > Open.";
    }

    /** Clean exit: nothing to recover next time. */
    public void closing() {
        autosave.clear();
        keptResults.clear();
        run.storeSettings();
        settings.save();
    }

    // --- helpers --------------------------------------------------------------------------------

    private String suggestedName(String suffix) {
        String base = document.file() != null ? document.file().getFileName().toString()
                : document.nameProperty().get().replace(' ', '-').toLowerCase(Locale.ROOT);
        int dot = base.lastIndexOf('.');
        return (dot > 0 ? base.substring(0, dot) : base) + suffix;
    }

    private static Path folder(String s) {
        return s == null ? null : Path.of(s);
    }

    private static String parent(Path p) {
        Path parent = p.toAbsolutePath().getParent();
        return parent == null ? null : parent.toString();
    }

    static BufferedImage copy(BufferedImage src) {
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        out.setData(src.getRaster());
        return out;
    }

    private void report(String title, String action, Throwable e) {
        AppLog.error("failed to " + action, e);
        dialogs.showError(title, ErrorMessages.describe(action, e));
    }

    public void clearRecent() {
        settings.get().recentFiles.clear();
        settings.save();
        reloadRecent();
    }

    public ObservableList<Path> recentFiles() {
        return recentFiles;
    }

    public ReadOnlyObjectProperty<CropPlan> cropPlanProperty() {
        return cropPlan.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public void notice(String text) {
        notice.set(text);
    }

    public DocumentViewModel document() {
        return document;
    }

    public RunViewModel run() {
        return run;
    }

    public SettingsStore settings() {
        return settings;
    }

    public void forEachRecent(Consumer<Path> c) {
        recentFiles.forEach(c);
    }
}
