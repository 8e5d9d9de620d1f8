package org.repaintstudio.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import org.repaintstudio.app.model.ModelChoice;
import org.repaintstudio.app.model.ModelRow;
import org.repaintstudio.app.model.ModelsViewModel;
import org.repaintstudio.core.convert.Golden;
import org.repaintstudio.core.hub.FakeHub;

/** The Models window driven like a user would, headless on Monocle in CI. */
@ExtendWith(ApplicationExtension.class)
class ModelsDialogUiTest {
    static {
        StudioFixture.preferGlassRobot();
    }

    private static final String REPO = "someone/ddpm-tiny";

    private StudioFixture studio;
    private FakeHub hub;
    private Path dir;

    @Start
    void start(Stage stage) throws IOException {
        dir = Files.createTempDirectory("repaint-models-ui");
        hub = StudioFixture.hubServingTinyModel(REPO);
        studio = new StudioFixture(stage, dir, hub.baseUrl());
    }

    @AfterEach
    void tearDown() {
        studio.close();
        hub.close();
    }

    private static void waitUntil(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** A labelled node by its raw text (menus keep the mnemonic underscore in it). */
    private static Predicate<Node> text(String raw) {
        return n -> n instanceof Labeled l && raw.equals(l.getText()) && n.isVisible();
    }

    @SuppressWarnings("unchecked")
    private static TableView<ModelRow> table(FxRobot robot) {
        return robot.lookup("#models-table").queryAs(TableView.class);
    }

    private static boolean listed(FxRobot robot, String name) {
        return table(robot).getItems().stream().anyMatch(r -> r.name().equals(name));
    }

    private boolean pickerHas(String name) {
        return studio.run().models().stream().map(ModelChoice::name).anyMatch(name::equals);
    }

    private void openFromMenu(FxRobot robot) throws Exception {
        robot.clickOn(text("_Run"));
        robot.clickOn(text("_Models…"));
        waitUntil(20, () -> robot.lookup("#models-table").tryQuery().isPresent()
                && !table(robot).getItems().isEmpty());
    }

    @Test
    void opensFromTheMenuListsTheTinyModelImportsAFolderAndRemovesIt(FxRobot robot) throws Exception {
        openFromMenu(robot);
        ModelRow tiny = table(robot).getItems().stream().filter(r -> r.name().equals("tiny")).findFirst().orElseThrow();
        assertThat(tiny.sourceLabel()).isEqualTo("imported");
        assertThat(tiny.resolutionLabel()).isEqualTo("32 px");
        assertThat(robot.lookup(text("tiny")).tryQuery()).as("the name is shown in the table").isPresent();
        waitUntil(10, () -> robot.lookup("#models-details-title").tryQuery().isPresent());
        assertThat(robot.lookup(text("Sample size")).tryQuery()).as("Info shows the config").isPresent();

        Path folder = Files.createDirectories(dir.resolve("elsewhere/my-model"));
        for (String f : new String[] {"config.json", "diffusion_pytorch_model.safetensors", "model.onnx"}) {
            Files.copy(Golden.unet("tiny").resolve(f), folder.resolve(f));
        }
        studio.dialogs.folderAnswers.add(folder);
        robot.clickOn("#models-import-folder");
        waitUntil(20, () -> listed(robot, "my-model") && pickerHas("my-model"));
        assertThat(table(robot).getSelectionModel().getSelectedItem().name()).isEqualTo("my-model");
        assertThat(robot.lookup("#models-status").queryAs(Labeled.class).getText()).isEqualTo("Imported my-model.");

        Button remove = robot.lookup("#models-remove").queryAs(Button.class);
        assertThat(remove.getText()).isEqualTo("Remove from list");
        robot.clickOn("#models-remove");
        waitUntil(20, () -> !listed(robot, "my-model") && !pickerHas("my-model"));
        assertThat(folder.resolve("model.onnx")).as("its files are untouched").exists();
        assertThat(listed(robot, "tiny")).isTrue();

        robot.clickOn("#models-close");
        waitUntil(10, () -> !studio.window.modelsDialog().stage().isShowing());
        assertThat(studio.unhandled).isEmpty();
    }

    @Test
    void closingDuringADownloadAsksAndStoppingKeepsThePartFile(FxRobot robot) throws Exception {
        hub.bytesPerSecond = 300_000; // the 4 MB weights take about 13 s
        robot.clickOn("#manage-models");
        waitUntil(20, () -> robot.lookup("#models-table").tryQuery().isPresent()
                && !table(robot).getItems().isEmpty());
        robot.clickOn("#hub-repo").write(REPO);
        robot.clickOn("#hub-download");
        ModelsViewModel vm = studio.window.modelsViewModel();
        waitUntil(20, () -> vm.progressTextProperty().get().startsWith("unet/diffusion_pytorch_model.safetensors: ")
                && vm.progressProperty().get() > 0.05);
        assertThat(robot.lookup("#models-progress-text").queryAs(Labeled.class).getText()).contains(" of 3.8 MB");

        robot.clickOn("#models-close");
        waitUntil(10, () -> robot.lookup("#dialog-message").tryQuery().isPresent());
        assertThat(robot.lookup("#dialog-message").queryAs(Labeled.class).getText())
                .contains("still running").contains("resumes where this one stopped");
        robot.clickOn("Stop download");
        waitUntil(20, () -> vm.jobProperty().get() == ModelsViewModel.Job.NONE);
        assertThat(studio.window.modelsDialog().stage().isShowing()).isFalse();
        assertThat(vm.statusProperty().get()).isEqualTo("Stopped; the next download resumes where this one stopped.");
        Path part = dir.resolve("models/someone--ddpm-tiny/unet/diffusion_pytorch_model.safetensors.part");
        assertThat(part).exists();
        assertThat(Files.size(part)).isPositive();
        assertThat(studio.unhandled).isEmpty();
    }
}
