package org.repaintstudio.app.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javafx.embed.swing.SwingFXUtils;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import org.repaintstudio.app.model.ModelsViewModel;
import org.repaintstudio.core.convert.Golden;
import org.repaintstudio.core.hub.FakeHub;

/**
 * Writes docs/screenshot-models.png: the Models window mid-download from a local test Hub (the tiny
 * test model's files, sent slowly), with a model in the user's folder that needs converting and a
 * broken folder. Opt-in:
 * {@code xvfb-run -s "-screen 0 1600x1000x24" mvn -o test -Dtest=ModelsScreenshot
 * -Dscreenshot.models=docs/screenshot-models.png "-Dtestfx.argLine=-Dprism.order=sw"}.
 */
@EnabledIfSystemProperty(named = "screenshot.models", matches = ".+")
@ExtendWith(ApplicationExtension.class)
class ModelsScreenshot {
    private static final String REPO = "someone/ddpm-flowers-64";

    private StudioFixture studio;
    private FakeHub hub;
    private Path dir;

    @Start
    void start(Stage stage) throws IOException {
        Path dir = Files.createTempDirectory("repaint-models-shot");
        hub = StudioFixture.hubServingTinyModel(REPO);
        hub.bytesPerSecond = 150_000;
        this.dir = dir;
        studio = new StudioFixture(stage, dir, hub.baseUrl());
    }

    @AfterEach
    void tearDown() {
        studio.close();
        hub.close();
    }

    @Test
    void writeScreenshot(FxRobot robot) throws Exception {
        // Added after the run panel opened the tiny model, so this one is not converted on first use.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> studio.run().modelProperty().get() != null);
        Golden.copyUnet("celebahq_small", dir.resolve("models/celebahq-small"));
        Files.writeString(Files.createDirectories(dir.resolve("models/old-experiment")).resolve("notes.txt"), "x");
        robot.interact(() -> studio.window.openModels());
        ModelsViewModel vm = studio.window.modelsViewModel();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.rows().size() == 3 && vm.detailsProperty().get() != null);
        robot.interact(() -> {
            vm.selectedProperty().set(vm.rows().stream().filter(r -> r.name().equals("tiny")).findFirst().orElseThrow());
            vm.repoIdProperty().set(REPO);
            vm.download();
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.progressProperty().get() > 0.3
                && vm.progressTextProperty().get().endsWith(" left"));
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        Path target = Path.of(System.getProperty("screenshot.models"));
        robot.interact(() -> {
            try {
                var image = studio.window.modelsDialog().stage().getScene().snapshot(null);
                if (target.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(target.toAbsolutePath().getParent());
                }
                javax.imageio.ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", target.toFile());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            vm.cancel();
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.jobProperty().get() == ModelsViewModel.Job.NONE);
    }
}
