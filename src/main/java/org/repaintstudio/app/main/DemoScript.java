package org.repaintstudio.app.main;

import java.nio.file.Files;
import java.nio.file.Path;

import javafx.animation.PauseTransition;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.util.Duration;

import org.repaintstudio.app.util.AppLog;
import org.repaintstudio.core.inpaint.RePaintParameters.Preset;

/**
 * Drives the window for the documentation screenshots ({@code -Drepaint.demo=mid-run|results}
 * with {@code -Drepaint.screenshot=FILE}): paints a mask, starts a run and snapshots the window
 * at the wanted moment. Not part of normal use.
 */
public final class DemoScript {
    private final MainWindow window;
    private final String mode;
    private final Path target;
    private boolean started;
    private boolean shot;

    private DemoScript(MainWindow window, String mode, Path target) {
        this.window = window;
        this.mode = mode;
        this.target = target;
    }

    public static void startIfRequested(MainWindow window) {
        String mode = System.getProperty("repaint.demo");
        String target = System.getProperty("repaint.screenshot");
        if (mode == null || target == null) {
            return;
        }
        new DemoScript(window, mode, Path.of(target)).begin();
    }

    private void begin() {
        var vm = window.viewModel();
        var run = vm.run();
        Runnable maybeStart = () -> {
            if (!started && vm.document().image() != null && run.modelProperty().get() != null) {
                started = true;
                later(1.0, this::paintAndRun);
            }
        };
        vm.document().imageProperty().addListener((o, a, b) -> maybeStart.run());
        run.modelProperty().addListener((o, a, b) -> maybeStart.run());
        run.progressProperty().addListener((o, a, p) -> {
            if ("mid-run".equals(mode) && p.doubleValue() >= 0.4 && !shot) {
                shot = true;
                snapshot();
            }
        });
        run.results().addListener((javafx.collections.ListChangeListener<Object>) c -> {
            if ("results".equals(mode) && !run.results().isEmpty() && !shot) {
                shot = true;
                later(1.5, () -> {
                    run.selectedResultProperty().set(run.results().get(1 % run.results().size()));
                    window.canvas().compareSplitProperty().set(0.5);
                    later(1.0, this::snapshot);
                });
            }
        });
        maybeStart.run();
    }

    private void paintAndRun() {
        var doc = window.viewModel().document();
        if ("overlay".equals(mode)) {
            // Whole-picture overlay at an odd zoom: shows any seam between overlay tiles.
            doc.fillAllMask();
            window.canvas().zoomAt(0.6137, 300, 200);
            later(1.0, this::snapshot);
            return;
        }
        var img = doc.image();
        int w = img.getWidth();
        int h = img.getHeight();
        double r = Math.min(w, h) * 0.06;
        doc.beginStroke(w * 0.40, h * 0.38, r, 0.8, false);
        doc.strokeTo(w * 0.55, h * 0.45, r, 0.8, false);
        doc.strokeTo(w * 0.60, h * 0.62, r, 0.8, false);
        doc.strokeTo(w * 0.48, h * 0.66, r, 0.8, false);
        doc.endStroke(false);
        var run = window.viewModel().run();
        if ("mid-run".equals(mode)) {
            run.applyPreset(Preset.BALANCED);
            run.samplesProperty().set(4);
        } else {
            run.applyPreset(Preset.FAST);
            run.samplesProperty().set(4);
        }
        window.viewModel().startRun();
    }

    private static void later(double seconds, Runnable r) {
        PauseTransition p = new PauseTransition(Duration.seconds(seconds));
        p.setOnFinished(e -> r.run());
        p.play();
    }

    private void snapshot() {
        Scene scene = window.scene();
        try {
            var img = SwingFXUtils.fromFXImage(scene.snapshot(null), null);
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            javax.imageio.ImageIO.write(img, "png", target.toFile());
            AppLog.info("demo screenshot written to " + target);
        } catch (Exception e) {
            AppLog.error("demo screenshot failed", e);
        }
    }
}
