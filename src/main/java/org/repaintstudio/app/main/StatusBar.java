package org.repaintstudio.app.main;

import java.util.Locale;

import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;

import atlantafx.base.theme.Styles;

import org.repaintstudio.app.canvas.CanvasView;
import org.repaintstudio.app.model.ModelConversion;
import org.repaintstudio.app.util.Icons;

/** Image size, zoom, mask coverage, model and last run, a model's first-use conversion, and short notices. */
public final class StatusBar extends HBox {
    public StatusBar(MainViewModel vm, CanvasView canvas, ModelConversion conversion) {
        getStyleClass().add("status-bar");
        setId("status-bar");
        setSpacing(10);
        setPadding(new Insets(4, 10, 4, 10));
        setAlignment(Pos.CENTER_LEFT);
        var doc = vm.document();

        Label size = label("status-size", "Picture size in pixels");
        size.textProperty().bind(Bindings.createStringBinding(doc::sizeText, doc.imageProperty()));
        Label zoom = label("status-zoom", "Zoom (Ctrl+0 fits, Ctrl+1 is 100%)");
        zoom.textProperty().bind(Bindings.createStringBinding(() -> doc.image() == null ? ""
                : String.format(Locale.ROOT, "%.0f%%", canvas.zoomProperty().get() * 100), canvas.zoomProperty(),
                doc.imageProperty()));
        Label coverage = label("status-coverage", "Share of the picture the mask repaints");
        coverage.textProperty().bind(Bindings.createStringBinding(() -> doc.image() == null ? ""
                : String.format(Locale.ROOT, "Mask %.1f%%", doc.coverageProperty().get() * 100), doc.coverageProperty(),
                doc.imageProperty()));
        Label model = label("status-model", "The open model");
        model.textProperty().bind(vm.run().modelStatusProperty());
        Label lastRun = label("status-last-run", "Duration of the last run");
        lastRun.textProperty().bind(vm.run().lastRunProperty());
        Label notice = label("status-notice", "");
        notice.getStyleClass().add(Styles.ACCENT);
        PauseTransition fade = new PauseTransition(Duration.seconds(6));
        fade.setOnFinished(e -> notice.setText(""));
        vm.noticeProperty().addListener((o, a, b) -> {
            notice.setText(b);
            fade.playFromStart();
        });
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        for (Label l : new Label[] {size, zoom, coverage, model, lastRun}) {
            Separator after = sep();
            // Empty fields (no picture yet, no run yet) take no room and leave no stray separators.
            l.visibleProperty().bind(l.textProperty().isNotEmpty());
            l.managedProperty().bind(l.visibleProperty());
            after.visibleProperty().bind(l.visibleProperty());
            after.managedProperty().bind(l.visibleProperty());
            getChildren().addAll(l, after);
        }
        getChildren().addAll(conversionBox(conversion), spring, notice);
    }

    /** While a model is converted on first use: what, how far, and Cancel (as in the Models window). */
    private static HBox conversionBox(ModelConversion conversion) {
        Label title = label("status-conversion", "");
        title.textProperty().bind(conversion.titleProperty());
        ProgressBar bar = new ProgressBar();
        bar.setId("status-conversion-progress");
        bar.setPrefWidth(140);
        bar.progressProperty().bind(conversion.progressProperty());
        Label detail = label("status-conversion-detail", "");
        detail.textProperty().bind(conversion.progressTextProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("status-conversion-cancel");
        cancel.getStyleClass().add(Styles.SMALL);
        cancel.setOnAction(e -> conversion.cancel());
        Icons.tooltip(cancel, "Stop converting; nothing is written and the model is not loaded");
        HBox box = new HBox(8, title, bar, detail, cancel);
        box.setAlignment(Pos.CENTER_LEFT);
        box.visibleProperty().bind(conversion.activeProperty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private static Label label(String id, String tip) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add(Styles.TEXT_SMALL);
        if (!tip.isEmpty()) {
            Icons.tooltip(l, tip);
        }
        return l;
    }

    private static Separator sep() {
        return new Separator(javafx.geometry.Orientation.VERTICAL);
    }
}
