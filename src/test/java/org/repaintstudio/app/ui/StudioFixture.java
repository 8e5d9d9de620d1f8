package org.repaintstudio.app.ui;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javafx.stage.Stage;

import org.repaintstudio.app.main.AppServices;
import org.repaintstudio.app.dialog.FxDialogService;
import org.repaintstudio.app.document.Autosave;
import org.repaintstudio.app.main.MainWindow;
import org.repaintstudio.app.model.RegistryModelCatalog;
import org.repaintstudio.core.model.ModelRegistry;
import org.repaintstudio.app.prefs.SettingsStore;
import org.repaintstudio.app.task.FxTaskExecutor;
import org.repaintstudio.app.util.AppDirs;
import org.repaintstudio.core.Golden;
import org.repaintstudio.core.hub.FakeHub;
import org.repaintstudio.core.hub.HubClient;
import org.repaintstudio.core.model.LoadedModel;

/** Builds a main window on temporary folders with the tiny golden model as the only model. */
public final class StudioFixture {
    public final AppServices services;
    public final TestDialogs dialogs;
    public final MainWindow window;
    public final List<Throwable> unhandled = new ArrayList<>();

    /**
     * The build runs tests with java.awt.headless=true, so even under Xvfb the AWT robot is
     * unavailable: use JavaFX's own (glass) robot. Call from the test class's static initialiser.
     */
    public static void preferGlassRobot() {
        if (System.getProperty("testfx.robot") == null) {
            System.setProperty("testfx.robot", "glass");
        }
    }

    /** A loopback Hub that serves the tiny golden UNet (and a model card) as {@code repo}. */
    public static FakeHub hubServingTinyModel(String repo) throws IOException {
        FakeHub hub = new FakeHub();
        hub.put(repo, "unet/config.json", Files.readAllBytes(org.repaintstudio.core.convert.Golden.unet("tiny").resolve("config.json")));
        hub.put(repo, "unet/diffusion_pytorch_model.safetensors",
                Files.readAllBytes(org.repaintstudio.core.convert.Golden.unet("tiny").resolve("diffusion_pytorch_model.safetensors")));
        hub.put(repo, "README.md", "---\nlicense: mit\n---\n".getBytes(StandardCharsets.UTF_8));
        return hub;
    }

    public StudioFixture(Stage stage, Path root) {
        this(stage, root, URI.create("http://127.0.0.1:9"));
    }

    /** @param hubUrl where Hub downloads go (a loopback test server; the default port refuses) */
    public StudioFixture(Stage stage, Path root, URI hubUrl) {
        this(stage, root, hubUrl, List.of());
    }

    /** @param open files given on the command line, opened at start as the app does */
    public StudioFixture(Stage stage, Path root, URI hubUrl, List<Path> open) {
        AppDirs dirs = AppDirs.under(root);
        SettingsStore settings = SettingsStore.load(dirs.settingsFile());
        settings.get().windowWidth = 1280;
        settings.get().windowHeight = 800;
        ModelRegistry registry = new ModelRegistry(root.resolve("no-bundled-models"), root.resolve("models"), dirs.data());
        registry.importModel(Golden.tinyModel().getParent());
        // Small and quick by default; tests that need more set it.
        settings.get().steps = 10;
        settings.get().jumpLength = 3;
        settings.get().jumpNSample = 2;
        settings.get().samples = 2;
        dialogs = new TestDialogs(new FxDialogService(() -> stage));
        services = new AppServices(dirs, settings, dialogs,
                new FxTaskExecutor("test-io", unhandled::add),
                new FxTaskExecutor("test-inference", unhandled::add),
                new FxTaskExecutor("test-model-jobs", unhandled::add),
                new RegistryModelCatalog(registry),
                (path, execution) -> LoadedModel.open(path, org.repaintstudio.core.model.ExecutionOptions.cpu(1)),
                () -> new HubClient(hubUrl, null, 1),
                new Autosave(dirs.autosave()));
        window = new MainWindow(stage, services);
        window.show(open);
    }

    public org.repaintstudio.app.run.RunViewModel run() {
        return window.viewModel().run();
    }

    /** Cancels a running job, closes the window and stops the executors. */
    public void close() {
        javafx.application.Platform.runLater(() -> {
            run().cancel();
            window.dispose();
        });
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        services.io().close();
        services.inference().close();
        services.modelJobs().close();
    }
}
