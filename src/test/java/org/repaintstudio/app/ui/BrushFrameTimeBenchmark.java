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

    /** The new mask tools on the same 4000 × 3000 picture: one action each, and a subtracting stroke. */
    private void measureMaskTools(FxRobot robot) throws InterruptedException {
        var doc = studio.window.viewModel().document();
        time(robot, "select similar colour (click, tolerance 12)", () -> doc.selectSimilarColour(5, 5, 12, false));
        studio.dialogs.amountAnswers.add(8);
        time(robot, "grow by 8 px (distance field + apply)",
                () -> studio.window.runMaskCommand(new org.repaintstudio.app.masktools.GrowShrinkCommand()));
        studio.dialogs.amountAnswers.add(-8);
        time(robot, "shrink by 8 px", () -> studio.window.runMaskCommand(
                new org.repaintstudio.app.masktools.GrowShrinkCommand()));
        studio.dialogs.amountAnswers.add(12);
        time(robot, "feather 12 px", () -> studio.window.runMaskCommand(
                new org.repaintstudio.app.masktools.FeatherCommand()));
        robot.interact(() -> {
            studio.window.tools().subtractProperty().set(true);
            studio.window.tools().brushSizeProperty().set(200);
            studio.window.canvas().fit();
        });
        report("fit zoom, subtract mode, brush 200 px", stroke(240));
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
