package org.repaintstudio.app.model;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.repaintstudio.app.dialog.DialogService;
import org.repaintstudio.app.util.Durations;
import org.repaintstudio.app.task.BackgroundTask;
import org.repaintstudio.app.task.TaskExecutor;
import org.repaintstudio.app.task.UiCoalescer;
import org.repaintstudio.app.util.AppLog;
import org.repaintstudio.app.util.ErrorMessages;
import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.convert.UnetConverter;
import org.repaintstudio.core.hub.DownloadProgress;
import org.repaintstudio.core.hub.HubClient;
import org.repaintstudio.core.hub.HubModelPuller;
import org.repaintstudio.core.model.ModelCatalog;
import org.repaintstudio.core.model.ModelFolder;
import org.repaintstudio.core.model.ModelRegistry;
import org.repaintstudio.core.model.ModelRegistry.Source;
import org.repaintstudio.core.task.CancelToken;

/**
 * The Models dialog without its nodes: the models the engine's {@link ModelRegistry} finds (and the
 * folders it could not open), import, Hub download, conversion, delete / remove from list, and
 * the Info of the selected model. Mirrors the CLI's {@code models}, {@code models catalog},
 * {@code models pull}, {@code models import} and {@code convert}.
 *
 * <p>Quick disk work (scan, import, delete, info) runs on one executor; downloads and conversions,
 * which take minutes, on another, one at a time, with throttled progress and Cancel. Every change
 * to the list calls {@code modelsChanged} (the run panel's picker refresh).
 */
public final class ModelsViewModel {
    /** What the delete button does for the selected row. */
    public enum RemoveAction { NONE, DELETE, FORGET }

    /** The long job that is running, if any. */
    public enum Job { NONE, DOWNLOAD, CONVERT }

    /** Sentence shown when a download stops with its part file kept. */
    public static final String RESUME_NOTE = "the next download resumes where this one stopped.";

    private final ModelRegistry registry;
    private final Supplier<HubClient> hubFactory;
    private final TaskExecutor quick;
    private final TaskExecutor jobs;
    private final DialogService dialogs;
    private final Runnable modelsChanged;

    private final ObservableList<ModelRow> rows = FXCollections.observableArrayList();
    private final ObjectProperty<ModelRow> selected = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<ModelDetails> details = new ReadOnlyObjectWrapper<>();
    private final ObservableList<ModelCatalog.Item> catalog = FXCollections.observableArrayList();
    private final ObjectProperty<ModelCatalog.Item> selectedCatalogItem = new SimpleObjectProperty<>();
    private final StringProperty repoId = new SimpleStringProperty("");
    private final StringProperty revision = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper listing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Job> job = new ReadOnlyObjectWrapper<>(Job.NONE);
    private final ReadOnlyStringWrapper jobTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper statusIsError = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<RemoveAction> removeAction = new ReadOnlyObjectWrapper<>(RemoveAction.NONE);
    private final ReadOnlyBooleanWrapper canConvert = new ReadOnlyBooleanWrapper();
    private final BooleanBinding canDownload;

    private HubClient hub;
    private CancelToken jobToken;
    /** Bumped per long job, so a late progress update of a finished job is dropped. */
    private int jobNumber;
    /** The folder a running job writes into: it cannot be deleted meanwhile. */
    private Path jobTarget;
    private Path lastImportFolder;

    public ModelsViewModel(ModelRegistry registry, Supplier<HubClient> hubFactory, TaskExecutor quick,
                           TaskExecutor jobs, DialogService dialogs, Runnable modelsChanged) {
        this.registry = Objects.requireNonNull(registry);
        this.hubFactory = Objects.requireNonNull(hubFactory);
        this.quick = quick;
        this.jobs = jobs;
        this.dialogs = dialogs;
        this.modelsChanged = modelsChanged == null ? () -> { } : modelsChanged;
        try {
            catalog.setAll(ModelCatalog.items());
        } catch (RuntimeException e) {
            AppLog.error("cannot read the model catalogue", e);
        }
        selected.addListener((o, a, row) -> selectionChanged(row));
        selectedCatalogItem.addListener((o, a, item) -> {
            if (item != null) {
                repoId.set(item.repoId());
            }
        });
        job.addListener((o, a, b) -> updateActions());
        canDownload = Bindings.createBooleanBinding(
                () -> job.get() == Job.NONE && repoId.get() != null && !repoId.get().isBlank(), job, repoId);
    }

    // --- list ------------------------------------------------------------------------------------

    /** Rescans the bundled, user and imported models. */
    public void refresh() {
        refresh(null);
    }

    /** Refresh button: rescans here and in the run panel's picker (folders may have changed outside the app). */
    public void rescan() {
        refresh(null);
        modelsChanged.run();
    }

    private void refresh(Path select) {
        listing.set(true);
        Path keep = select != null ? select : selected.get() == null ? null : selected.get().location();
        quick.execute(BackgroundTask.wrap("List models", () -> ModelInspector.scan(registry))
                .onSuccess(list -> {
                    rows.setAll(list);
                    ModelRow pick = list.stream().filter(r -> r.location().equals(keep)).findFirst()
                            .orElse(list.isEmpty() ? null : list.get(0));
                    if (Objects.equals(selected.get(), pick)) {
                        // An equal row fires no change, but the files behind it may have changed.
                        selected.set(pick);
                        selectionChanged(pick);
                    } else {
                        selected.set(pick);
                    }
                })
                .onFailure(e -> report("list the models", e))
                .onFinished(() -> listing.set(false)));
    }

    private void selectionChanged(ModelRow row) {
        updateActions();
        if (row == null) {
            details.set(null);
            return;
        }
        if (row.partialRepoId() != null && job.get() == Job.NONE) {
            repoId.set(row.partialRepoId());
        }
        quick.execute(BackgroundTask.wrap("Model info", () -> ModelInspector.details(row))
                .onSuccess(d -> {
                    if (Objects.equals(selected.get(), row)) {
                        details.set(d);
                    }
                })
                .onFailure(e -> {
                    AppLog.error("model info failed", e);
                    details.set(null);
                }));
    }

    private void updateActions() {
        ModelRow row = selected.get();
        removeAction.set(removeActionFor(row));
        canConvert.set(row != null && !row.isProblem() && row.needsConversion() && job.get() == Job.NONE);
    }

    private RemoveAction removeActionFor(ModelRow row) {
        if (row == null || (jobTarget != null && jobTarget.equals(row.location()))) {
            return RemoveAction.NONE;
        }
        if (row.source() == Source.USER && isInUserFolder(row.location())) {
            return RemoveAction.DELETE;
        }
        return row.source() == Source.IMPORTED ? RemoveAction.FORGET : RemoveAction.NONE;
    }

    private boolean isInUserFolder(Path location) {
        Path parent = location.toAbsolutePath().normalize().getParent();
        return parent != null && parent.equals(registry.userModelsDir().toAbsolutePath().normalize());
    }

    // --- import ----------------------------------------------------------------------------------

    /** Asks for a model folder (diffusers layout with safetensors or model.onnx) and imports it. */
    public void importFolderWithDialog() {
        dialogs.openFolder("Import a model folder", lastImportFolder).ifPresent(this::importModel);
    }

    /** Asks for an .onnx file and imports it. */
    public void importOnnxWithDialog() {
        dialogs.openFile("Import an ONNX model", lastImportFolder,
                List.of(DialogService.FileType.of("ONNX model", "*.onnx"))).ifPresent(this::importModel);
    }

    private record Imported(ModelRegistry.Entry entry, boolean needsConversion) {}

    /** Adds a folder or .onnx file to the list; its files stay where they are. */
    public void importModel(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        lastImportFolder = abs.getParent();
        quick.execute(BackgroundTask.wrap("Import model", () -> {
                    ModelRegistry.Entry e = registry.importModel(abs);
                    return new Imported(e, ModelInspector.needsConversion(e.model()));
                })
                .onSuccess(imp -> {
                    setStatus("Imported " + imp.entry().name() + "."
                            + (imp.needsConversion() ? " It needs converting to ONNX: press Convert now, or it is"
                            + " converted when first used." : ""), false);
                    refresh(imp.entry().location());
                    modelsChanged.run();
                })
                .onFailure(e -> report("import the model", e)));
    }

    // --- delete / remove from list ---------------------------------------------------------------

    /**
     * Deletes the selected model's files after a confirmation if it is in the user's model folder,
     * or forgets it if it was imported (files untouched). Bundled models are never touched.
     */
    public void removeSelected() {
        ModelRow row = selected.get();
        switch (removeActionFor(row)) {
            case DELETE -> delete(row);
            case FORGET -> forget(row);
            case NONE -> { }
        }
    }

    private void delete(ModelRow row) {
        String what = row.isProblem() ? "the folder " + row.name() : row.name();
        if (!dialogs.confirm("Delete model", "Delete " + what + " and its files (" + ModelRow.formatBytes(row.sizeOnDisk())
                + ") from " + registry.userModelsDir() + "? This cannot be undone.", "Delete")) {
            return;
        }
        quick.execute(BackgroundTask.run("Delete model", () -> deleteFiles(row.location()))
                .onSuccess(v -> {
                    setStatus("Deleted " + row.name() + ".", false);
                    refresh(null);
                    modelsChanged.run();
                })
                .onFailure(e -> {
                    report("delete the model", e);
                    refresh(null);
                }));
    }

    private void deleteFiles(Path location) {
        Path p = location.toAbsolutePath().normalize();
        if (!isInUserFolder(p)) {
            throw new UserFacingException(p + " is not in your model folder, so it is not deleted.");
        }
        try {
            if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.walkFileTree(p, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        Files.delete(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                        if (e != null) {
                            throw e;
                        }
                        Files.delete(dir);
                        return FileVisitResult.CONTINUE;
                    }
                });
            } else {
                Files.deleteIfExists(p.resolveSibling(p.getFileName() + ".data"));
                Files.deleteIfExists(UnetConverter.sidecarOf(p));
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UserFacingException("Could not delete " + p + ": " + e.getMessage(), e);
        }
    }

    private void forget(ModelRow row) {
        quick.execute(BackgroundTask.wrap("Remove model from list", () -> registry.forgetImport(row.location()))
                .onSuccess(removed -> {
                    setStatus("Removed " + row.name() + " from the list; its files stay in " + row.location() + ".", false);
                    refresh(null);
                    modelsChanged.run();
                })
                .onFailure(e -> report("remove the model from the list", e)));
    }

    // --- download --------------------------------------------------------------------------------

    private record Update(int job, double fraction, String text) {}

    /** Downloads {@link #repoIdProperty()} at {@link #revisionProperty()} into the user's folder and converts it. */
    public void download() {
        if (job.get() != Job.NONE) {
            return;
        }
        String repo = repoId.get() == null ? "" : repoId.get().strip();
        String rev = revision.get() == null || revision.get().isBlank() ? "main" : revision.get().strip();
        Path root = registry.userModelsDir();
        Path target;
        HubClient client;
        try {
            HubClient.requireRepoId(repo);
            target = root.resolve(HubModelPuller.folderName(repo));
            client = hub();
        } catch (UserFacingException e) {
            setStatus(e.getMessage(), true);
            return;
        }
        CancelToken token = startJob(Job.DOWNLOAD, "Downloading " + repo, target);
        int number = jobNumber;
        UiCoalescer<Update> ui = new UiCoalescer<>(jobs, this::showUpdate);
        jobs.execute(BackgroundTask.of("Download " + repo, ctx -> {
                    try (CancelToken.Registration link = ctx.cancellation().onCancel(token::cancel)) {
                        return new HubModelPuller(client).pull(repo, rev, root,
                                p -> ui.post(new Update(number, p.fraction(), describe(p))),
                                (fraction, message) -> ui.post(new Update(number, fraction,
                                        "Converting to ONNX: " + message)),
                                token);
                    } catch (RuntimeException e) {
                        removeIfEmpty(target);
                        throw e;
                    }
                })
                .onSuccess(m -> {
                    endJob();
                    setStatus("Downloaded " + repo + (rev.equals("main") ? "" : " (" + rev + ")")
                            + "; it is ready to use.", false);
                    refresh(m.location());
                    modelsChanged.run();
                })
                .onCancelled(() -> {
                    endJob();
                    setStatus(stoppedMessage(target), false);
                    refresh(target);
                })
                .onFailure(e -> {
                    endJob();
                    AppLog.error("download of " + repo + " failed", e);
                    String message = downloadFailure(client, e, target);
                    setStatus(message, true);
                    refresh(Files.isDirectory(target) ? target : null);
                    dialogs.showError("Download failed", message);
                }));
    }

    /** A download that stopped before its first byte leaves no empty folder behind. */
    private static void removeIfEmpty(Path target) {
        if (!Files.isDirectory(target) || ModelInspector.folderSize(target) > 0) {
            return;
        }
        try (var s = Files.walk(target)) {
            if (s.anyMatch(Files::isRegularFile)) {
                return;
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return;
        }
        try (var s = Files.walk(target)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            AppLog.error("could not remove the empty folder " + target, e);
        }
    }

    private HubClient hub() {
        if (hub == null) {
            hub = hubFactory.get();
        }
        return hub;
    }

    private static String stoppedMessage(Path target) {
        if (ModelInspector.partBytes(target) > 0) {
            return "Stopped; " + RESUME_NOTE;
        }
        if (Files.isRegularFile(target.resolve(ModelFolder.WEIGHTS))
                || Files.isRegularFile(target.resolve("unet").resolve(ModelFolder.WEIGHTS))) {
            return "Stopped before the conversion finished; the download is complete: select the model and press Convert.";
        }
        return "Stopped.";
    }

    /** One sentence: no network is said plainly; a kept part file is mentioned. */
    static String downloadFailure(HubClient hub, Throwable e, Path target) {
        String message;
        if (isOffline(e)) {
            message = "Could not connect to " + hub.hostLabel() + ": check the network connection (or the proxy"
                    + " settings) and try again";
        } else {
            message = ErrorMessages.describe("download the model", e);
            message = message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
        }
        if (ModelInspector.partBytes(target) > 0 && !message.contains("resume")) {
            message += "; " + RESUME_NOTE;
        } else {
            message += ".";
        }
        return message;
    }

    static boolean isOffline(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t instanceof UnresolvedAddressException || t instanceof HttpConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** e.g. "diffusion_pytorch_model.safetensors: 12.3 MB of 455 MB · 4.2 MB/s · 1 min 47 s left". */
    static String describe(DownloadProgress p) {
        StringBuilder sb = new StringBuilder(p.file()).append(": ").append(ModelRow.formatBytes(p.bytesDone()));
        if (p.bytesTotal() > 0) {
            sb.append(" of ").append(ModelRow.formatBytes(p.bytesTotal()));
        }
        if (p.bytesPerSecond() > 0) {
            sb.append(" · ").append(ModelRow.formatBytes((long) p.bytesPerSecond())).append("/s");
        }
        if (p.eta() != null && p.bytesDone() < p.bytesTotal()) {
            sb.append(" · ").append(Durations.format(p.eta().toMillis() / 1000.0)).append(" left");
        }
        return sb.toString();
    }

    // --- convert ---------------------------------------------------------------------------------

    /** Converts the selected model's safetensors to ONNX (as {@code repaint-studio convert}). */
    public void convertSelected() {
        ModelRow row = selected.get();
        if (row == null || row.isProblem() || !row.needsConversion() || job.get() != Job.NONE) {
            return;
        }
        CancelToken token = startJob(Job.CONVERT, "Converting " + row.name() + " to ONNX", row.location());
        int number = jobNumber;
        UiCoalescer<Update> ui = new UiCoalescer<>(jobs, this::showUpdate);
        jobs.execute(BackgroundTask.of("Convert " + row.name(), ctx -> {
                    try (CancelToken.Registration link = ctx.cancellation().onCancel(token::cancel)) {
                        return ModelConversion.convert(row.location(), row.name(),
                                (fraction, message) -> ui.post(new Update(number, fraction, message)), token);
                    }
                })
                .onSuccess(r -> {
                    endJob();
                    setStatus(ModelConversion.describe(row.name(), r), false);
                    refresh(row.location());
                    modelsChanged.run();
                })
                .onCancelled(() -> {
                    endJob();
                    setStatus("Conversion stopped; nothing was written and the model still needs converting.", false);
                })
                .onFailure(e -> {
                    endJob();
                    report("convert the model", e);
                }));
    }

    // --- long jobs -------------------------------------------------------------------------------

    private CancelToken startJob(Job kind, String title, Path target) {
        jobToken = new CancelToken();
        jobNumber++;
        jobTarget = target.toAbsolutePath().normalize();
        jobTitle.set(title);
        progress.set(-1);
        progressText.set("Starting…");
        setStatus("", false);
        job.set(kind);
        return jobToken;
    }

    private void endJob() {
        jobToken = null;
        jobTarget = null;
        jobNumber++;
        job.set(Job.NONE);
        jobTitle.set("");
        progressText.set("");
        progress.set(0);
    }

    private void showUpdate(Update u) {
        if (u.job() != jobNumber || job.get() == Job.NONE) {
            return;
        }
        progress.set(u.fraction() < 0 ? -1 : u.fraction());
        progressText.set(u.text());
    }

    /** Stops the running download or conversion at its next check (a download keeps its part file). */
    public void cancel() {
        CancelToken t = jobToken;
        if (t != null) {
            progressText.set("Stopping…");
            t.cancel();
        }
    }

    /**
     * Whether the dialog may close now. While a download or conversion runs, asks whether to stop
     * it; stopping keeps a download's part file for the next try.
     */
    public boolean confirmClose() {
        Job j = job.get();
        if (j == Job.NONE) {
            return true;
        }
        boolean stop = j == Job.DOWNLOAD
                ? dialogs.confirm("Download in progress", jobTitle.get() + " is still running. Stop it? What has"
                        + " been downloaded is kept, and the next download resumes where this one stopped.", "Stop download")
                : dialogs.confirm("Conversion in progress", jobTitle.get() + " is still running. Stop it?",
                        "Stop conversion");
        if (stop) {
            cancel();
        }
        return stop;
    }

    // --- helpers ---------------------------------------------------------------------------------

    private void setStatus(String text, boolean error) {
        status.set(text);
        statusIsError.set(error);
    }

    private void report(String action, Throwable e) {
        AppLog.error("failed to " + action, e);
        String message = ErrorMessages.describe(action, e);
        setStatus(message, true);
        dialogs.showError("Models", message);
    }

    public Path userModelsDir() {
        return registry.userModelsDir();
    }

    // --- properties ------------------------------------------------------------------------------

    public ObservableList<ModelRow> rows() { return rows; }
    public ObjectProperty<ModelRow> selectedProperty() { return selected; }
    public ReadOnlyObjectProperty<ModelDetails> detailsProperty() { return details.getReadOnlyProperty(); }
    public ObservableList<ModelCatalog.Item> catalog() { return catalog; }
    public ObjectProperty<ModelCatalog.Item> selectedCatalogItemProperty() { return selectedCatalogItem; }
    public StringProperty repoIdProperty() { return repoId; }
    public StringProperty revisionProperty() { return revision; }
    public ReadOnlyBooleanProperty listingProperty() { return listing.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Job> jobProperty() { return job.getReadOnlyProperty(); }
    public ReadOnlyStringProperty jobTitleProperty() { return jobTitle.getReadOnlyProperty(); }
    /** Fraction done, or -1 while the total is unknown. */
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty progressTextProperty() { return progressText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty statusIsErrorProperty() { return statusIsError.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<RemoveAction> removeActionProperty() { return removeAction.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canConvertProperty() { return canConvert.getReadOnlyProperty(); }
    public BooleanBinding canDownloadBinding() { return canDownload; }
}
