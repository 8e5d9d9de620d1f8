package org.repaintstudio.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import org.repaintstudio.app.document.Autosave;
import org.repaintstudio.app.util.AppDirs;
import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.image.MaskPresets;

/**
 * Started with a picture on the command line after a crash (a double-click on a photo): the
 * recovered work, once taken, is not replaced by that picture, which used to open over it.
 */
@ExtendWith(ApplicationExtension.class)
class RecoveryWithFileUiTest {
    static {
        StudioFixture.preferGlassRobot();
    }

    private StudioFixture studio;
    private Mask mask;

    @Start
    void start(Stage stage) throws IOException {
        Path dir = Files.createTempDirectory("repaint-recovery-file");
        Path crashed = TestImages.picture(dir, "crashed.png", 120, 80);
        Path other = TestImages.picture(dir, "other.png", 90, 60);
        mask = MaskPresets.THICK.create(120, 80, 11);
        new Autosave(AppDirs.under(dir).autosave()).save(crashed, "crashed.png", mask, null);
        studio = new StudioFixture(stage, dir, URI.create("http://127.0.0.1:9"), List.of(other));
    }

    @AfterEach
    void tearDown() {
        studio.close();
    }

    @Test
    void takenRecoveredWorkStaysAndTheStatusLineSaysThePictureWasNotOpened(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#dialog-message").tryQuery().isPresent());
        robot.clickOn("Recover");
        var vm = studio.window.viewModel();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.noticeProperty().get() != null
                && vm.noticeProperty().get().startsWith("Recovered"));
        Thread.sleep(1000); // time for a competing open, as the old start order had, to land
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.document().nameProperty().get()).isEqualTo("crashed.png");
        assertThat(vm.document().mask().toMask()).isEqualTo(mask);
        assertThat(vm.noticeProperty().get()).contains("other.png was not opened");
    }
}
