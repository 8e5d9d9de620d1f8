package org.repaintstudio.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.geometry.Point2D;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import org.repaintstudio.app.canvas.CanvasView;

/**
 * Frame time of a brush stroke on a 4000×3000 picture: one drag event per pulse, timed from pulse
 * to pulse (event handling plus rendering). Run with
 * {@code xvfb-run mvn -o test -Dtest=BrushFrameTimeBenchmark -Dbenchmark=true -DargLine=-Dprism.order=sw}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
@ExtendWith(ApplicationExtension.class)
class BrushFrameTimeBenchmark {
    static {
        StudioFixture.preferGlassRobot();
    }

    private StudioFixture studio;
    private Path dir;

    @Start
    void start(Stage stage) throws IOException {
        dir = Files.createTempDirectory("repaint-bench");
        studio = new StudioFixture(stage, dir);
    }

    @AfterEach
    void tearDown() {
        studio.close();
    }

    @Test
    void brushStrokeOnA12MegapixelPicture(FxRobot robot) throws Exception {
        Path big = TestImages.picture(dir, "big.png", 4000, 3000);
        Platform.runLater(() -> studio.window.viewModel().open(big, false));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> studio.window.viewModel().document().image() != null);
        WaitForAsyncUtils.sleep(1500, TimeUnit.MILLISECONDS);
        System.out.println("prism.order=" + System.getProperty("prism.order") + " pipeline="
                + com.sun.prism.GraphicsPipeline.getPipeline().getClass().getSimpleName());
        for (double brush : new double[] {60, 200}) {
            robot.interact(() -> {
                studio.window.tools().brushSizeProperty().set(brush);
                studio.window.canvas().fit();
            });
            report("fit zoom, brush " + (int) brush + " px", stroke(240));
            robot.interact(() -> studio.window.canvas().actualSize());
            report("100% zoom, brush " + (int) brush + " px", stroke(240));
        }
        measureMaskTools(robot);
    }

    /**
     * The mask tools on the same 4000 × 3000 picture: one action each on a colour selection in the
     * corner and on the red oval (an object, 9% of the picture), the slider's preview (computed off
     * the UI thread, then shown on it), and a subtracting stroke.
     */
    private void measureMaskTools(FxRobot robot) throws InterruptedException {
        var doc = studio.window.viewModel().document();
        time(robot, "select similar colour (corner, tolerance 12)", () -> doc.selectSimilarColour(5, 5, 12, false));
        measureCommands(robot, "corner selection");
        robot.interact(() -> doc.replaceMaskValues(new byte[4000 * 3000], "clear"));
        time(robot, "select similar colour (the oval, tolerance 12)", () -> doc.selectSimilarColour(2000, 1500, 12, false));
        measureCommands(robot, "oval");
        robot.interact(() -> {
            studio.window.tools().subtractProperty().set(true);
            studio.window.tools().brushSizeProperty().set(200);
            studio.window.canvas().fit();
        });
        report("fit zoom, subtract mode, brush 200 px", stroke(240));
    }

    private void measureCommands(FxRobot robot, String mask) {
        var doc = studio.window.viewModel().document();
        var grow = new org.repaintstudio.app.masktools.GrowShrinkCommand();
        var feather = new org.repaintstudio.app.masktools.FeatherCommand();
        studio.dialogs.amountAnswers.add(8);
        time(robot, mask + ": grow by 8 px (OK: exact apply, one undo step)", () -> studio.window.runMaskCommand(grow));
        studio.dialogs.amountAnswers.add(-8);
        time(robot, mask + ": shrink by 8 px", () -> studio.window.runMaskCommand(grow));
        studio.dialogs.amountAnswers.add(12);
        time(robot, mask + ": feather 12 px", () -> studio.window.runMaskCommand(feather));
        // What one slider move costs: the preview thread's work, then the UI thread's.
        var growPreview = grow.prepare(doc);
        growPreview.apply(4);
        timePreview(robot, mask + ": grow slider move", growPreview, new int[] {5, 6, 7, 8, 9, 10});
        timePreview(robot, mask + ": feather slider move", feather.prepare(doc), new int[] {6, 7, 8, 9, 10, 11});
        robot.interact(doc::cancelMaskPreview);
    }

    private void timePreview(FxRobot robot, String what, java.util.function.IntFunction<byte[]> command,
                                    int[] amounts) {
        long worker = 0;
        long[] onUi = new long[1];
        for (int a : amounts) {
            long t0 = System.nanoTime();
            byte[] mask = command.apply(a);
            worker += System.nanoTime() - t0;
            robot.interact(() -> {
                long t1 = System.nanoTime();
                studio.window.viewModel().document().previewMask(mask);
                onUi[0] += System.nanoTime() - t1;
            });
        }
        System.out.printf(Locale.ROOT, "TOOL %s: preview thread %.0f ms, UI thread %.1f ms (mean of %d)%n", what,
                worker / 1e6 / amounts.length, onUi[0] / 1e6 / amounts.length, amounts.length);
    }

    private static void time(FxRobot robot, String what, Runnable action) {
        long[] took = new long[1];
        robot.interact(() -> {
            long t0 = System.nanoTime();
            action.run();
            took[0] = System.nanoTime() - t0;
        });
        System.out.printf(Locale.ROOT, "TOOL %s: %.0f ms%n", what, took[0] / 1e6);
    }

    private static void report(String what, long[] intervalsNanos) {
        double[] ms = Arrays.stream(intervalsNanos).mapToDouble(n -> n / 1e6).sorted().toArray();
        double mean = Arrays.stream(ms).average().orElse(0);
        System.out.printf(Locale.ROOT, "BRUSH %s: mean %.1f ms (%.0f fps), median %.1f ms, p95 %.1f ms, max %.1f ms%n",
                what, mean, 1000 / mean, ms[ms.length / 2], ms[(int) (ms.length * 0.95)], ms[ms.length - 1]);
        assertThat(mean).isPositive();
    }

    /** Drives a zig-zag stroke, one drag event per pulse, and returns pulse-to-pulse intervals. */
    private long[] stroke(int frames) throws InterruptedException {
        CanvasView canvas = studio.window.canvas();
        List<Long> stamps = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> new AnimationTimer() {
            int frame;

            @Override
            public void handle(long now) {
                var viewport = canvas.viewport();
                double w = viewport.getWidth();
                double h = viewport.getHeight();
                double t = frame / (double) frames;
                double x = w * (0.1 + 0.8 * t);
                double y = h * (0.5 + 0.3 * Math.sin(t * Math.PI * 6));
                Point2D scene = viewport.localToScene(x, y);
                var type = frame == 0 ? MouseEvent.MOUSE_PRESSED : frame == frames ? MouseEvent.MOUSE_RELEASED
                        : MouseEvent.MOUSE_DRAGGED;
                Event.fireEvent(viewport, new MouseEvent(type, scene.getX(), scene.getY(), scene.getX(),
                        scene.getY(), MouseButton.PRIMARY, 1, false, false, false, false, true, false, false,
                        true, false, false, null));
                stamps.add(now);
                if (frame++ == frames) {
                    stop();
                    done.countDown();
                }
            }
        }.start());
        assertThat(done.await(120, TimeUnit.SECONDS)).isTrue();
        long[] intervals = new long[stamps.size() - 2];
        for (int i = 2; i < stamps.size(); i++) {
            intervals[i - 2] = stamps.get(i) - stamps.get(i - 1);
        }
        return intervals;
    }
}
