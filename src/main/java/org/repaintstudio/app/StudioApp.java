package org.repaintstudio.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

import org.repaintstudio.app.dialog.FxDialogService;
import org.repaintstudio.app.document.Autosave;
import org.repaintstudio.app.main.AppServices;
import org.repaintstudio.app.main.MainWindow;
import org.repaintstudio.app.model.RegistryModelCatalog;
import org.repaintstudio.app.prefs.SettingsStore;
import org.repaintstudio.app.task.FxTaskExecutor;
import org.repaintstudio.app.util.AppDirs;
import org.repaintstudio.app.util.AppLog;
import org.repaintstudio.app.util.ErrorMessages;
import org.repaintstudio.core.hub.HubClient;
import org.repaintstudio.core.model.ModelRegistry;
import org.repaintstudio.core.model.LoadedModel;

/** The JavaFX application: wires the services and opens the main window. */
public final class StudioApp extends Application {
    private AppServices services;
    private MainWindow window;

    @Override
    public void start(Stage stage) {
        AppDirs dirs = AppDirs.standard();
        AppLog.init(dirs.logs());
        AppLog.info("RePaint Studio starting; settings in " + dirs.settingsFile());
        SettingsStore settings = SettingsStore.load(dirs.settingsFile());
        FxDialogService dialogs = new FxDialogService(() -> stage.isShowing() ? stage : null);
        java.util.concurrent.atomic.AtomicBoolean dialogOpen = new java.util.concurrent.atomic.AtomicBoolean();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            AppLog.error("uncaught on " + t.getName(), e);
            // One dialog at a time: a failure that repeats every frame must not stack up windows.
            if (dialogOpen.compareAndSet(false, true)) {
                Platform.runLater(() -> {
                    try {
                        dialogs.showError("RePaint Studio", ErrorMessages.describe("finish that", e));
                    } finally {
                        dialogOpen.set(false);
                    }
                });
            }
        });
        java.util.function.Consumer<Throwable> unhandled = e -> {
            AppLog.error("background task failed", e);
            dialogs.showError("RePaint Studio", ErrorMessages.describe("finish that", e));
        };
        services = new AppServices(dirs, settings, dialogs,
                new FxTaskExecutor("repaint-io", unhandled),
                new FxTaskExecutor("repaint-inference", unhandled),
                new FxTaskExecutor("repaint-model-jobs", unhandled),
                new RegistryModelCatalog(new ModelRegistry(ModelRegistry.bundledModelsDir(),
                        ModelRegistry.userModelsDir(dirs.data()), dirs.data())),
                LoadedModel::open,
                HubClient::new,
                new Autosave(dirs.autosave()));
        window = new MainWindow(stage, services);
        window.show(filesFrom(getParameters().getRaw()));
        // Files the desktop hands over later (macOS "Open With", a drop on the Dock icon).
        org.repaintstudio.desktop.OpenFileRequests.get().setHandler(
                files -> javafx.application.Platform.runLater(() -> window.viewModel().openFiles(files)));
        if (System.getProperty("repaint.demo") != null) {
            org.repaintstudio.app.main.DemoScript.startIfRequested(window);
        } else {
            maybeScheduleScreenshot(stage);
        }
    }

    private static List<Path> filesFrom(List<String> args) {
        List<Path> files = new ArrayList<>();
        for (String a : args) {
            if (!a.startsWith("-")) {
                files.add(Path.of(a));
            }
        }
        return files;
    }

    /** {@code -Drepaint.screenshot=out.png}: a snapshot of the window after a delay, for docs. */
    private static void maybeScheduleScreenshot(Stage stage) {
        String target = System.getProperty("repaint.screenshot");
        if (target == null) {
            return;
        }
        double delay = Double.parseDouble(System.getProperty("repaint.screenshot.delay", "5"));
        javafx.animation.PauseTransition wait = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(delay));
        wait.setOnFinished(e -> {
            try {
                var img = stage.getScene().snapshot(null);
                var bi = javafx.embed.swing.SwingFXUtils.fromFXImage(img, null);
                Path out = Path.of(target);
                if (out.getParent() != null) {
                    Files.createDirectories(out.getParent());
                }
                javax.imageio.ImageIO.write(bi, "png", out.toFile());
                AppLog.info("screenshot written to " + out);
            } catch (Exception ex) {
                AppLog.error("screenshot failed", ex);
            }
        });
        wait.play();
    }

    @Override
    public void stop() {
        if (services != null) {
            services.io().close();
            services.inference().close();
            services.modelJobs().close();
        }
    }
}
