package org.repaintstudio.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;
import javafx.scene.control.Label;
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

/** A session that died with a painted mask is offered back at the next start. */
@ExtendWith(ApplicationExtension.class)
class RecoveryUiTest {
    static {
        StudioFixture.preferGlassRobot();
    }

    private StudioFixture studio;
    private Path picture;
    private Mask mask;

    @Start
    void start(Stage stage) throws IOException {
        Path dir = Files.createTempDirectory("repaint-recovery");
        picture = TestImages.picture(dir, "crashed.png", 120, 80);
        mask = MaskPresets.THICK.create(120, 80, 11);
        new Autosave(AppDirs.under(dir).autosave()).save(picture, "crashed.png", mask, null);
        studio = new StudioFixture(stage, dir);
    }

    @AfterEach
    void tearDown() {
        studio.close();
    }

    @Test
    void offersAndRestoresTheAutosavedMask(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#dialog-message").tryQuery().isPresent());
        assertThat(robot.lookup("#dialog-message").queryAs(Label.class).getText()).contains("crashed.png");
        robot.clickOn("Recover");
        var doc = studio.window.viewModel().document();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> doc.image() != null && !doc.mask().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(doc.mask().toMask()).isEqualTo(mask);
        assertThat(doc.nameProperty().get()).isEqualTo("crashed.png");
        // The recovered mask is unsaved work again, and one undo step.
        assertThat(doc.isDirty()).isTrue();
        Platform.runLater(doc::undo);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(doc.mask().isEmpty()).isTrue();
    }
}
