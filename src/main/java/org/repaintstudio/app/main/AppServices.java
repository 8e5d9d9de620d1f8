package org.repaintstudio.app.main;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import org.repaintstudio.app.dialog.DialogService;
import org.repaintstudio.app.document.Autosave;
import org.repaintstudio.app.model.ModelCatalog;
import org.repaintstudio.app.model.RegistryModelCatalog;
import org.repaintstudio.app.prefs.SettingsStore;
import org.repaintstudio.app.task.FxTaskExecutor;
import org.repaintstudio.app.task.TaskExecutor;
import org.repaintstudio.app.util.AppDirs;
import org.repaintstudio.app.util.AppLog;
import org.repaintstudio.core.hub.HubClient;
import org.repaintstudio.core.model.ExecutionOptions;
import org.repaintstudio.core.model.LoadedModel;
import org.repaintstudio.core.model.ModelRegistry;

/**
 * What the main window is built from, so tests can swap folders, dialogs and models.
 *
 * @param io        file reading and writing, and quick model-list work (scan, import, delete)
 * @param inference model loading and runs (one at a time)
 * @param modelJobs downloads and conversions, which can take minutes: their own thread, so they
 *                  hold up neither the file work nor a run
 * @param hub       the Hugging Face Hub client for downloads (created when first needed)
 */
public record AppServices(AppDirs dirs, SettingsStore settings, DialogService dialogs, TaskExecutor io,
                          TaskExecutor inference, TaskExecutor modelJobs, ModelCatalog catalog,
                          BiFunction<Path, ExecutionOptions, LoadedModel> modelOpener, Supplier<HubClient> hub, Autosave autosave) {

    /** The services with a default model-jobs thread and the public Hub (HF_ENDPOINT, HF_TOKEN). */
    public AppServices(AppDirs dirs, SettingsStore settings, DialogService dialogs, TaskExecutor io,
                       TaskExecutor inference, ModelCatalog catalog, BiFunction<Path, ExecutionOptions, LoadedModel> modelOpener,
                       Autosave autosave) {
        this(dirs, settings, dialogs, io, inference,
                new FxTaskExecutor("repaint-model-jobs", e -> AppLog.error("model job failed", e)),
                catalog, modelOpener, HubClient::new, autosave);
    }

    /** The engine's model registry behind the picker, when the catalog is one. */
    public Optional<ModelRegistry> modelRegistry() {
        return catalog instanceof RegistryModelCatalog r ? Optional.of(r.registry()) : Optional.empty();
    }
}
