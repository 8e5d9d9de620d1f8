package org.repaintstudio.app;

import java.nio.file.Path;
import java.util.function.Function;

import org.repaintstudio.app.dialog.DialogService;
import org.repaintstudio.app.document.Autosave;
import org.repaintstudio.app.model.ModelCatalog;
import org.repaintstudio.app.prefs.SettingsStore;
import org.repaintstudio.app.task.TaskExecutor;
import org.repaintstudio.app.util.AppDirs;
import org.repaintstudio.core.model.LoadedModel;

/**
 * What the main window is built from, so tests can swap folders, dialogs and models.
 *
 * @param io        file reading and writing
 * @param inference model loading and runs (one at a time)
 */
public record AppServices(AppDirs dirs, SettingsStore settings, DialogService dialogs, TaskExecutor io,
                          TaskExecutor inference, ModelCatalog catalog, Function<Path, LoadedModel> modelOpener,
                          Autosave autosave) {
}
