package org.repaintstudio.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import org.repaintstudio.app.canvas.Tool;
import org.repaintstudio.app.dialog.DialogService.SaveChoice;
import org.repaintstudio.app.document.DocumentViewModel;
import org.repaintstudio.app.edit.PixelRect;
import org.repaintstudio.app.main.MainViewModel;
import org.repaintstudio.app.masktools.GrowShrinkCommand;
import org.repaintstudio.app.run.RunResult;
import org.repaintstudio.core.image.ImageWriters;
import org.repaintstudio.core.image.MaskPresets;
import org.repaintstudio.core.inpaint.CropPlan;
import org.repaintstudio.core.inpaint.RePaintParameters;
import org.repaintstudio.core.mask.CanvasExtension;

/** The mask tools, presets, outpainting and the unsaved-work prompt, driven through the window. */
@ExtendWith(ApplicationExtension.class)
class MaskToolsUiTest {
    static {
        StudioFixture.preferGlassRobot();
    }

    /** A sky-blue picture with a red 40 × 30 block at (60, 40): an object against a plain sky. */
    private static final int W = 200;
    private static final int H = 140;
    private static final PixelRect BLOCK = new PixelRect(60, 40, 40, 30);

    private StudioFixture studio;
    private Stage stage;
    private Path dir;

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        dir = Files.createTempDirectory("repaint-masktools");
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

    private static BufferedImage skyWithBlock() {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        for (int y = 0; y < H; y++) {
            // A gentle gradient, as a real sky: within a small tolerance, still one region.
            g.setColor(new Color(110 + y / 10, 160 + y / 12, 230));
            g.drawLine(0, y, W, y);
        }
        g.setColor(new Color(200, 30, 40));
        g.fillRect(BLOCK.x(), BLOCK.y(), BLOCK.width(), BLOCK.height());
        g.dispose();
        return img;
    }

    private Path openSky() throws Exception {
        Path p = dir.resolve("sky.png");
        ImageWriters.save(skyWithBlock(), p, Map.of(), true);
        Platform.runLater(() -> vm().open(p, false));
        waitUntil(20, () -> doc().image() != null && p.equals(doc().file()));
        return p;
    }

    private void fx(Runnable r) {
        Platform.runLater(r);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private boolean fill(int x, int y) {
        return doc().mask().isFill(x, y);
    }

    /** Clicks the canvas at an image pixel. */
    private void clickImage(FxRobot robot, double ix, double iy, MouseButton button) {
        Point2D view = studio.window.canvas().imageToView(ix + 0.5, iy + 0.5);
        Point2D screen = studio.window.canvas().viewport().localToScreen(view);
        robot.moveTo(screen).clickOn(button);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private boolean maskIsExactly(PixelRect r) {
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                boolean inside = x >= r.x() && x < r.right() && y >= r.y() && y < r.bottom();
                if (fill(x, y) != inside) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void presetIsAddedToThePaintedMaskAndUndoneInOneStep(FxRobot robot) throws Exception {
        openSky();
        fx(() -> doc().fillRect(new PixelRect(0, 0, 20, 20), false));
        byte[] painted = doc().mask().snapshot();
        robot.clickOn("#mask-presets").clickOn(MaskPresets.HALF_RIGHT.label());
        WaitForAsyncUtils.waitForFxEvents();
        // The painted corner survives, and the preset's area is added.
        assertThat(fill(5, 5)).isTrue();
        boolean[] preset = MaskPresets.HALF_RIGHT.create(W, H, studio.run().seedProperty().get()).fillArray();
        for (int i = 0; i < preset.length; i++) {
            if (preset[i]) {
                assertThat(fill(i % W, i / W)).isTrue();
            }
        }
        assertThat(doc().history().undoLabelProperty().get()).isEqualTo(MaskPresets.HALF_RIGHT.label());
        fx(doc()::undo);
        assertThat(doc().mask().snapshot()).isEqualTo(painted);
    }

    @Test
    void selectSimilarColourTakesTheObjectAndSubtractModeTakesItBack(FxRobot robot) throws Exception {
        openSky();
        robot.clickOn("#tool-wand");
        assertThat(studio.window.tools().toolProperty().get()).isEqualTo(Tool.WAND);
        clickImage(robot, BLOCK.x() + 10, BLOCK.y() + 10, MouseButton.PRIMARY);
        assertThat(maskIsExactly(BLOCK)).as("the wand selects exactly the red block").isTrue();

        // A click on the sky with a small tolerance takes the gradient sky but not the block.
        clickImage(robot, 5, 5, MouseButton.PRIMARY);
        assertThat(doc().mask().filledCount()).isEqualTo((long) W * H);
        fx(doc()::undo);

        // Subtract mode (the toggle, as X does) removes the block again; undo restores it.
        robot.clickOn("#subtract-mode");
        assertThat(studio.window.tools().subtractProperty().get()).isTrue();
        clickImage(robot, BLOCK.x() + 5, BLOCK.y() + 5, MouseButton.PRIMARY);
        assertThat(doc().mask().isEmpty()).isTrue();
        fx(doc()::undo);
        assertThat(maskIsExactly(BLOCK)).isTrue();

        // Alt flips the mode for one click: with subtract on, Alt-click adds.
        fx(doc()::clearMask);
        robot.press(KeyCode.ALT);
        try {
            clickImage(robot, BLOCK.x() + 5, BLOCK.y() + 5, MouseButton.PRIMARY);
        } finally {
            robot.release(KeyCode.ALT);
        }
        assertThat(maskIsExactly(BLOCK)).isTrue();
    }

    @Test
    void growAndShrinkMoveTheEdgeByTheChosenPixelsWithOneUndoStepEach(FxRobot robot) throws Exception {
        openSky();
        fx(() -> doc().fillRect(BLOCK, false));
        studio.dialogs.amountAnswers.add(5);
        fx(() -> studio.window.runMaskCommand(new GrowShrinkCommand()));
        assertThat(fill(BLOCK.x() - 5, BLOCK.y() + 10)).isTrue();
        assertThat(fill(BLOCK.x() - 6, BLOCK.y() + 10)).isFalse();
        assertThat(fill(BLOCK.right() + 4, BLOCK.bottom() + 4)).as("a round corner, not a square").isFalse();
        assertThat(doc().history().undoLabelProperty().get()).isEqualTo("Grow mask by 5 px");

        studio.dialogs.amountAnswers.add(-8);
        fx(() -> studio.window.runMaskCommand(new GrowShrinkCommand()));
        // 5 px out, then 8 px in: the edge ends 3 px inside the block.
        assertThat(fill(BLOCK.x() + 3, BLOCK.y() + 15)).isTrue();
        assertThat(fill(BLOCK.x() + 2, BLOCK.y() + 15)).isFalse();
        fx(doc()::undo);
        fx(doc()::undo);
        assertThat(maskIsExactly(BLOCK)).isTrue();

        // Cancel takes the live preview back.
        fx(() -> studio.window.runMaskCommand(new GrowShrinkCommand()));
        assertThat(maskIsExactly(BLOCK)).isTrue();
    }

    @Test
    void extendCanvasMasksExactlyTheNewAreaAndUndoRestoresThePicture(FxRobot robot) throws Exception {
        openSky();
        BufferedImage before = MainViewModelAccess.copy(doc().image());
        studio.dialogs.marginAnswers.add(new CanvasExtension.Margins(0, 32, 0, 0));
        fx(studio.window::extendCanvas);
        BufferedImage extended = doc().image();
        assertThat(extended.getWidth()).isEqualTo(W + 32);
        assertThat(extended.getHeight()).isEqualTo(H);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W + 32; x++) {
                assertThat(doc().mask().isFill(x, y)).isEqualTo(x >= W);
                if (x < W) {
                    assertThat(extended.getRGB(x, y)).isEqualTo(before.getRGB(x, y));
                }
            }
        }
        assertThat(stage.getTitle()).startsWith("*");
        fx(doc()::undo);
        assertThat(doc().image().getWidth()).isEqualTo(W);
        assertThat(doc().mask().isEmpty()).isTrue();
        fx(doc()::redo);
        assertThat(doc().image().getWidth()).isEqualTo(W + 32);

        // RePaint fills the new area through the normal run path; known pixels stay exact.
        waitUntil(60, () -> studio.run().modelProperty().get() != null);
        java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
        fx(() -> started.set(vm().startRun()));
        assertThat(started).as("run started; messages %s", studio.dialogs.messages).isTrue();
        waitUntil(180, () -> !studio.run().results().isEmpty() && !studio.run().runningProperty().get());
        RunResult run = studio.run().results().get(0);
        BufferedImage result = run.image();
        assertThat(result.getWidth()).isEqualTo(W + 32);
        // The engine blends its fill over a band of plan.feather() px beside the mask (Inpainter);
        // every known pixel beyond that band is returned exactly.
        int band = run.plan().feather();
        assertThat(band).isLessThan(16);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W - band; x++) {
                assertThat(result.getRGB(x, y)).as("known pixel %d,%d", x, y).isEqualTo(before.getRGB(x, y));
            }
        }
    }

    private RunResult resultFor(BufferedImage input) {
        BufferedImage out = MainViewModelAccess.copy(input);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.GREEN);
        g.fillRect(BLOCK.x(), BLOCK.y(), BLOCK.width(), BLOCK.height());
        g.dispose();
        return new RunResult(1, 0, out, new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB),
                new CropPlan(40, 20, 80, 64, 2), input, doc().mask().toMask(), List.of(),
                RePaintParameters.defaults(), "tiny", "sky.png", 1234, java.util.Map.of("repaint.model", "tiny"));
    }

    @Test
    void thePromptListsUnsavedResultsAndSaveSavesExactlyThem(FxRobot robot) throws Exception {
        openSky();
        fx(() -> doc().fillRect(BLOCK, false));
        fx(() -> studio.run().results().add(resultFor(doc().image())));
        assertThat(vm().unsavedWork()).containsExactly("the mask", "1 result in the gallery");

        studio.dialogs.saveChoices.add(SaveChoice.CANCEL);
        fx(() -> assertThat(vm().confirmDiscard()).isFalse());
        assertThat(studio.dialogs.savePrompts).last().asString()
                .contains("the mask").contains("1 result in the gallery");

        Path maskFile = dir.resolve("saved-mask.png");
        Path folder = Files.createDirectories(dir.resolve("results"));
        studio.dialogs.saveChoices.add(SaveChoice.SAVE);
        studio.dialogs.saveAnswers.add(maskFile);
        studio.dialogs.folderAnswers.add(folder);
        fx(() -> assertThat(vm().confirmDiscard()).isTrue());
        assertThat(maskFile).exists();
        assertThat(Files.list(folder).map(p -> p.getFileName().toString()).toList())
                .containsExactly("sky-repaint-1-1.png");
        // Nothing picture-wise was asked for: the picture was never changed.
        assertThat(dir.resolve("sky-repainted.png")).doesNotExist();
        assertThat(vm().unsavedWork()).isEmpty();
    }

    @Test
    void savedMasksKeepTheirGreyLevels(FxRobot robot) throws Exception {
        openSky();
        fx(() -> {
            doc().beginStroke(100, 70, 30, 0.0, false);
            doc().endStroke(false);
        });
        Path maskFile = dir.resolve("soft-mask.png");
        studio.dialogs.saveAnswers.add(maskFile);
        fx(vm()::saveMaskAs);
        waitUntil(20, () -> Files.exists(maskFile));
        BufferedImage saved = javax.imageio.ImageIO.read(maskFile.toFile());
        assertThat(saved.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        int edge = saved.getRaster().getSample(100 + 20, 70, 0);
        assertThat(edge).isStrictlyBetween(0, 255);
        assertThat(edge).isEqualTo(doc().mask().valueAt(120, 70));
    }

    @Test
    void galleryResultsAreRecoveredAfterACrash(FxRobot robot) throws Exception {
        openSky();
        fx(() -> doc().fillRect(BLOCK, false));
        RunResult result = resultFor(doc().image());
        fx(() -> studio.run().results().add(result));
        fx(vm()::autosaveIfChanged);
        Path kept = dir.resolve("data").resolve("autosave").resolve("results").resolve("result-1-1.png");
        Path keptAnywhere = Files.walk(dir).filter(p -> p.getFileName().toString().equals("result-1-1.png"))
                .findFirst().orElse(kept);
        waitUntil(20, () -> Files.walk(dir).anyMatch(p -> p.getFileName().toString().equals("results.json")));
        assertThat(keptAnywhere).exists();

        // A crash: the window goes without closing() (which would clear the recovery folder).
        StudioFixture crashed = studio;
        fx(crashed.window::dispose);
        crashed.services.io().close();
        crashed.services.inference().close();
        crashed.services.modelJobs().close();
        fx(() -> studio = new StudioFixture(stage, dir));
        waitUntil(20, () -> robot.lookup("#dialog-message").tryQuery().isPresent());
        assertThat(robot.lookup("#dialog-message").queryAs(javafx.scene.control.Label.class).getText())
                .contains("sky.png").contains("1 result from the gallery");
        robot.clickOn("Recover");
        waitUntil(20, () -> studio.run().results().size() == 1 && !doc().mask().isEmpty());
        RunResult back = studio.run().results().get(0);
        assertThat(back.plan()).isEqualTo(result.plan());
        assertThat(back.parameters()).isEqualTo(result.parameters());
        for (int y = 0; y < H; y += 7) {
            for (int x = 0; x < W; x += 7) {
                assertThat(back.image().getRGB(x, y)).isEqualTo(result.image().getRGB(x, y));
            }
        }
        // Still unsaved: quitting now would ask about it.
        assertThat(vm().unsavedWork()).contains("1 result in the gallery");
    }
}
