package org.repaintstudio.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javafx.application.Platform;
import javafx.event.Event;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import org.repaintstudio.app.document.DocumentViewModel;
import org.repaintstudio.app.main.MainViewModel;
import org.repaintstudio.app.run.RunViewModel;
import org.repaintstudio.core.image.ImageWriters;
import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.image.MaskConvention;
import org.repaintstudio.core.image.MaskFiles;
import org.repaintstudio.core.image.MaskPresets;

/** The main window driven like a user would, headless on Monocle in CI. */
@ExtendWith(ApplicationExtension.class)
class StudioUiTest {
    static {
        StudioFixture.preferGlassRobot();
    }

    private StudioFixture studio;
    private Path dir;

    @Start
    void start(Stage stage) throws IOException {
        dir = Files.createTempDirectory("repaint-ui");
        studio = new StudioFixture(stage, dir);
    }

    @AfterEach
    void tearDown() {
        studio.close();
    }

    private MainViewModel vm() {
        return studio.window.viewModel();
    }

    private DocumentViewModel doc() {
        return vm().document();
    }

    private static void waitUntil(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Path openPicture(String name, int w, int h) throws Exception {
        Path p = TestImages.picture(dir, name, w, h);
        Platform.runLater(() -> vm().open(p, false));
        waitUntil(20, () -> doc().image() != null && p.equals(doc().file()));
        return p;
    }

    private void paintStroke(FxRobot robot) {
        robot.moveTo("#canvas").moveBy(-60, -20).press(MouseButton.PRIMARY).moveBy(40, 10).moveBy(40, 10)
                .moveBy(40, 10).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void opensAPictureDroppedOnTheWindow(FxRobot robot) throws Exception {
        Path picture = TestImages.picture(dir, "dropped.png", 320, 200);
        AtomicBoolean accepted = new AtomicBoolean();
        robot.interact(() -> {
            var dragboard = TestDragboards.withFiles(List.of(picture.toFile()));
            var root = studio.window.scene().getRoot();
            DragEvent over = new DragEvent(DragEvent.DRAG_OVER, dragboard, 200, 200, 200, 200, TransferMode.COPY,
                    null, null, null);
            Event.fireEvent(root, over);
            accepted.set(over.isAccepted());
            Event.fireEvent(root, new DragEvent(DragEvent.DRAG_DROPPED, dragboard, 200, 200, 200, 200,
                    TransferMode.COPY, null, null, null));
        });
        waitUntil(20, () -> doc().image() != null);

        assertThat(accepted).isTrue();
        assertThat(doc().image().getWidth()).isEqualTo(320);
        assertThat(robot.window(0) instanceof Stage s ? s.getTitle() : "").isEqualTo("dropped.png – RePaint Studio");
        assertThat(robot.lookup("#status-size").queryAs(Label.class).getText()).isEqualTo("320 × 200 px");
        assertThat(vm().recentFiles()).contains(picture.toAbsolutePath().normalize());
    }

    @Test
    void pastesAPictureFromTheClipboard(FxRobot robot) throws Exception {
        robot.interact(() -> {
            javafx.scene.image.WritableImage img = new javafx.scene.image.WritableImage(90, 60);
            for (int y = 0; y < 60; y++) {
                for (int x = 0; x < 90; x++) {
                    img.getPixelWriter().setArgb(x, y, 0xFF336699);
                }
            }
            javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
            content.putImage(img);
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        });
        robot.clickOn("#canvas");
        robot.push(KeyCode.CONTROL, KeyCode.V);
        waitUntil(10, () -> doc().image() != null);
        assertThat(doc().image().getWidth()).isEqualTo(90);
        assertThat(doc().image().getRGB(10, 10) & 0xFFFFFF).isEqualTo(0x336699);
        assertThat(doc().nameProperty().get()).isEqualTo("Pasted image");
    }

    @Test
    void tabShowsTheOriginalWhileHeld(FxRobot robot) throws Exception {
        openPicture("photo.png", 200, 100);
        robot.clickOn("#canvas");
        robot.press(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(studio.window.canvas().overlayHiddenProperty().get()).isTrue();
        robot.release(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(studio.window.canvas().overlayHiddenProperty().get()).isFalse();
    }

    @Test
    void brushStrokePaintsTheMaskAndUndoRedoWork(FxRobot robot) throws Exception {
        openPicture("photo.png", 640, 400);
        paintStroke(robot);
        double painted = doc().coverageProperty().get();
        assertThat(painted).isGreaterThan(0.005);
        assertThat(((Stage) robot.window(0)).getTitle()).startsWith("*photo.png");
        assertThat(robot.lookup("#status-coverage").queryAs(Label.class).getText()).startsWith("Mask ");

        robot.push(KeyCode.CONTROL, KeyCode.Z);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(doc().coverageProperty().get()).isZero();
        assertThat(((Stage) robot.window(0)).getTitle()).isEqualTo("photo.png – RePaint Studio");

        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(doc().coverageProperty().get()).isEqualTo(painted);

        robot.clickOn("#undo");
        assertThat(doc().coverageProperty().get()).isZero();
        robot.clickOn("#redo");
        assertThat(doc().coverageProperty().get()).isEqualTo(painted);

        // [ and ] change the brush; the eraser takes paint away again.
        double size = studio.window.tools().brushSizeProperty().get();
        robot.clickOn("#canvas").type(KeyCode.CLOSE_BRACKET);
        assertThat(studio.window.tools().brushSizeProperty().get()).isGreaterThan(size);
        robot.clickOn("#tool-eraser");
        paintStroke(robot);
        assertThat(doc().coverageProperty().get()).isLessThan(painted);
    }

    @Test
    void maskPresetIsOneClickAndUndoable(FxRobot robot) throws Exception {
        openPicture("photo.png", 300, 200);
        robot.clickOn("#mask-presets").clickOn("Left half");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(doc().coverageProperty().get()).isEqualTo(0.5);
        assertThat(doc().mask().isFill(10, 100)).isTrue();
        assertThat(doc().mask().isFill(290, 100)).isFalse();
        robot.push(KeyCode.CONTROL, KeyCode.I);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(doc().mask().isFill(290, 100)).isTrue();
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(doc().coverageProperty().get()).isZero();
    }

    @Test
    void maskSaveAndLoadRoundTripAndOtherConventions(FxRobot robot) throws Exception {
        openPicture("photo.png", 200, 120);
        robot.interact(() -> doc().applyPreset(MaskPresets.THICK, 7));
        Mask painted = doc().mask().toMask();
        Path maskFile = dir.resolve("photo-mask.png");
        studio.dialogs.saveAnswers.add(maskFile);
        robot.interact(() -> vm().saveMaskAs());
        waitUntil(20, () -> Files.exists(maskFile));
        assertThat(MaskFiles.read(maskFile, MaskConvention.WHITE_FILL)).isEqualTo(painted);

        robot.interact(() -> doc().clearMask());
        studio.dialogs.openAnswers.add(maskFile);
        robot.interact(() -> vm().loadMaskWithDialog(MaskConvention.WHITE_FILL));
        waitUntil(20, () -> !doc().mask().isEmpty());
        assertThat(doc().mask().toMask()).isEqualTo(painted);

        // The same file read as diffusers' white = keep gives the complement.
        studio.dialogs.openAnswers.add(maskFile);
        robot.interact(() -> vm().loadMaskWithDialog(MaskConvention.WHITE_KEEP));
        waitUntil(20, () -> doc().mask().isFill(0, 0) != painted.isFill(0, 0));
        Mask inverted = painted.copy();
        inverted.invert();
        assertThat(doc().mask().toMask()).isEqualTo(inverted);

        // Saving over the existing file asks first; declining leaves it untouched.
        long before = Files.getLastModifiedTime(maskFile).toMillis();
        byte[] bytes = Files.readAllBytes(maskFile);
        studio.dialogs.saveAnswers.add(maskFile);
        Platform.runLater(() -> vm().saveMaskAs());
        waitUntil(10, () -> robot.lookup("#dialog-message").tryQuery().isPresent());
        assertThat(robot.lookup("#dialog-message").queryAs(Label.class).getText()).contains("already exists");
        robot.clickOn("Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Files.readAllBytes(maskFile)).isEqualTo(bytes);
        assertThat(Files.getLastModifiedTime(maskFile).toMillis()).isEqualTo(before);
    }

    @Test
    void runWithTheTinyModelStreamsPreviewsMovesThePlotCursorAndFillsTheGallery(FxRobot robot) throws Exception {
        openPicture("photo.png", 256, 160);
        RunViewModel run = studio.run();
        waitUntil(60, () -> run.modelProperty().get() != null);
        robot.interact(() -> doc().fillRect(new org.repaintstudio.app.edit.PixelRect(80, 40, 60, 50), false));
        assertThat(robot.lookup("#estimate").queryAs(Label.class).getText()).contains("UNet calls");

        AtomicInteger maxCursor = new AtomicInteger(-1);
        AtomicInteger cursorMoves = new AtomicInteger();
        robot.interact(() -> run.cursorEntryProperty().addListener((o, a, b) -> {
            cursorMoves.incrementAndGet();
            maxCursor.accumulateAndGet(b.intValue(), Math::max);
        }));
        robot.clickOn("#run");
        waitUntil(120, () -> !run.runningProperty().get() && !run.results().isEmpty());

        int entries = run.scheduleProperty().get().size();
        assertThat(maxCursor.get()).isEqualTo(entries - 1);
        assertThat(cursorMoves.get()).isGreaterThan(2);
        assertThat(run.previewsReceivedProperty().get()).isGreaterThanOrEqualTo(2);
        assertThat(run.previews()).hasSize(2).allSatisfy(p -> assertThat(p.imageProperty().get()).isNotNull());
        assertThat(run.results()).hasSize(2);
        assertThat(robot.lookup(".result-thumb").queryAllAs(ToggleButton.class)).hasSize(2);
        assertThat(robot.lookup("#progress-text").queryAs(Label.class).getText()).startsWith("Done");
        assertThat(studio.unhandled).isEmpty();

        // Save the sample (parameters in PNG text), the comparison grid and the denoising animation.
        Path resultFile = dir.resolve("result.png");
        Path gridFile = dir.resolve("grid.png");
        Path gifFile = dir.resolve("denoising.gif");
        studio.dialogs.saveAnswers.add(resultFile);
        robot.clickOn("#save-result");
        studio.dialogs.saveAnswers.add(gridFile);
        robot.clickOn("#save-grid");
        studio.dialogs.saveAnswers.add(gifFile);
        robot.clickOn("#save-gif");
        waitUntil(30, () -> Files.exists(resultFile) && Files.exists(gridFile) && Files.exists(gifFile));
        assertThat(ImageWriters.readPngText(resultFile)).containsEntry("repaint.steps", "10")
                .containsEntry("repaint.jump_length", "3").containsKey("repaint.seed").containsEntry("Model", "tiny");
        assertThat(javax.imageio.ImageIO.read(gridFile.toFile()).getWidth()).isEqualTo(4 * 256 + 3 * 4);
        assertThat(Files.size(gifFile)).isGreaterThan(1000);

        // Apply the first sample: the picture changes inside the crop only, and undo restores it.
        int outside = doc().image().getRGB(2, 2);
        int inside = doc().image().getRGB(110, 65);
        robot.clickOn("#result-1-0");
        robot.clickOn("#apply-result");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(doc().image().getRGB(110, 65)).isNotEqualTo(inside);
        assertThat(doc().image().getRGB(2, 2)).isEqualTo(outside);
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(doc().image().getRGB(110, 65)).isEqualTo(inside);
    }

    @Test
    void cancelStopsALongRunQuickly(FxRobot robot) throws Exception {
        openPicture("photo.png", 256, 160);
        RunViewModel run = studio.run();
        waitUntil(60, () -> run.modelProperty().get() != null);
        robot.interact(() -> {
            doc().fillRect(new org.repaintstudio.app.edit.PixelRect(80, 40, 60, 50), false);
            run.samplesProperty().set(1);
        });
        robot.clickOn("#preset-paper");
        robot.clickOn("#run");
        waitUntil(60, () -> run.progressProperty().get() > 0.01);
        long t0 = System.nanoTime();
        robot.clickOn("#cancel");
        waitUntil(20, () -> !run.runningProperty().get());
        long ms = (System.nanoTime() - t0) / 1_000_000;

        assertThat(ms).isLessThan(5000);
        assertThat(robot.lookup("#progress-text").queryAs(Label.class).getText()).isEqualTo("Cancelled");
        assertThat(run.results()).isEmpty();
        assertThat(studio.unhandled).isEmpty();
    }

    @Test
    void corruptFileShowsOneSentenceAndNoStackTrace(FxRobot robot) throws Exception {
        Path broken = dir.resolve("broken.png");
        Files.write(broken, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 1, 2});
        Platform.runLater(() -> vm().openFiles(List.of(broken)));
        waitUntil(20, () -> robot.lookup("#dialog-message").tryQuery().isPresent());

        String message = robot.lookup("#dialog-message").queryAs(Label.class).getText();
        assertThat(message).contains("broken.png").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(message.split("\\. ")).hasSize(1);
        robot.clickOn("OK");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(doc().image()).isNull();
    }

    @Test
    void unsavedChangesPromptOnOpeningAnotherPicture(FxRobot robot) throws Exception {
        openPicture("first.png", 300, 200);
        paintStroke(robot);
        assertThat(doc().isDirty()).isTrue();
        Path second = TestImages.picture(dir, "second.png", 100, 80);

        Platform.runLater(() -> vm().openFiles(List.of(second)));
        waitUntil(10, () -> robot.lookup("#dialog-message").tryQuery().isPresent());
        assertThat(robot.lookup("#dialog-message").queryAs(Label.class).getText())
                .contains("first.png").contains("unsaved work").contains("the mask");
        robot.clickOn("Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(doc().nameProperty().get()).isEqualTo("first.png");

        Platform.runLater(() -> vm().openFiles(List.of(second)));
        waitUntil(10, () -> robot.lookup("#dialog-message").tryQuery().isPresent());
        robot.clickOn("Don't Save");
        waitUntil(20, () -> "second.png".equals(doc().nameProperty().get()));
        assertThat(doc().isDirty()).isFalse();
    }
}
