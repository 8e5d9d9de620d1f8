package org.repaintstudio.app.results;

import java.util.function.Consumer;

import javafx.beans.property.DoubleProperty;
import javafx.collections.ListChangeListener;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.image.ImageView;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import atlantafx.base.theme.Styles;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignG;

import org.repaintstudio.app.run.RunResult;
import org.repaintstudio.app.run.RunViewModel;
import org.repaintstudio.app.util.Icons;

/**
 * The gallery of results: pick one to see it on the canvas, drag the slider to compare before and
 * after, then apply it (undoable) or save it, its comparison grid or its denoising animation.
 */
public final class ResultsPanel extends HBox {
    public static final int THUMB = 96;

    /** What the buttons do; the main window supplies the file dialogs. */
    public record Actions(Consumer<RunResult> apply, Consumer<RunResult> save, Consumer<RunResult> saveGrid,
                          Consumer<RunResult> saveAnimation) {}

    private final RunViewModel vm;
    private final HBox gallery = new HBox(6);
    private final ToggleGroup selection = new ToggleGroup();
    private boolean syncing;

    public ResultsPanel(RunViewModel vm, DoubleProperty compareSplit, javafx.scene.Node previews, Actions actions) {
        this.vm = vm;
        getStyleClass().add("results-panel");
        setSpacing(12);
        setPadding(new Insets(8, 12, 8, 12));
        setId("results-panel");

        Label title = new Label("Results");
        title.getStyleClass().addAll(Styles.TITLE_4, "section-title");
        Label empty = new Label("Results appear here after a run. Click one to see it on the picture.");
        empty.setWrapText(true);
        empty.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        empty.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(vm.results()));
        empty.managedProperty().bind(empty.visibleProperty());

        gallery.setId("gallery");
        gallery.setAlignment(Pos.CENTER_LEFT);
        vm.results().addListener((ListChangeListener<RunResult>) c -> rebuild());
        vm.selectedResultProperty().addListener((o, a, r) -> syncSelection(r));
        selection.selectedToggleProperty().addListener((o, a, t) -> {
            if (!syncing && t == null && a != null && vm.results().contains((RunResult) a.getUserData())) {
                // Clicking the shown result again keeps it shown (a gallery, not a set of switches).
                a.setSelected(true);
                return;
            }
            if (!syncing) {
                vm.selectedResultProperty().set(t == null ? null : (RunResult) t.getUserData());
            }
        });

        Slider compare = new Slider(0, 1, 0);
        compare.setId("compare");
        compare.valueProperty().bindBidirectional(compareSplit);
        HBox.setHgrow(compare, Priority.ALWAYS);
        Icons.tooltip(compare, "Before/after: drag to move the divider on the picture; the original is left of it, "
                + "the result right of it.");
        Label before = new Label("Before");
        Label after = new Label("After");
        after.getStyleClass().add(Styles.TEXT_SMALL);
        before.getStyleClass().add(Styles.TEXT_SMALL);
        HBox compareRow = new HBox(6, before, compare, after);
        compareRow.setAlignment(Pos.CENTER_LEFT);

        Button apply = new Button("Apply");
        apply.setId("apply-result");
        Icons.decorate(apply, MaterialDesignC.CHECK, "Put this result into the picture (Ctrl+Z takes it back); "
                + "then keep painting and repaint again.");
        apply.getStyleClass().add(Styles.SUCCESS);
        apply.setOnAction(e -> withSelected(actions.apply()));
        Button save = Icons.decorate(new Button(), MaterialDesignC.CONTENT_SAVE,
                "Save this result as PNG (with the parameters in its metadata) or JPEG.");
        save.setId("save-result");
        save.setOnAction(e -> withSelected(actions.save()));
        Button grid = Icons.decorate(new Button(), MaterialDesignG.GRID,
                "Save a comparison grid: input | mask | every sample of this run.");
        grid.setId("save-grid");
        grid.setOnAction(e -> withSelected(actions.saveGrid()));
        Button gif = Icons.decorate(new Button(), MaterialDesignF.FILE_GIF_BOX,
                "Save the denoising process of this sample as an animated GIF.");
        gif.setId("save-gif");
        gif.setOnAction(e -> withSelected(actions.saveAnimation()));
        HBox buttons = new HBox(6, apply, save, grid, gif);
        buttons.setAlignment(Pos.CENTER_LEFT);
        for (var n : new javafx.scene.Node[] {apply, save, grid, gif, compare}) {
            n.disableProperty().bind(vm.selectedResultProperty().isNull());
        }
        Label info = new Label();
        info.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        info.setWrapText(true);
        info.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            RunResult r = vm.selectedResultProperty().get();
            if (r == null) {
                return "";
            }
            var p = r.parameters();
            return r.label() + " · seed " + p.seed() + " · " + p.steps() + "/" + p.jumpLength() + "/"
                    + p.jumpNSample() + " " + p.mode().id() + " · " + r.modelName();
        }, vm.selectedResultProperty()));

        VBox controls = new VBox(8, title, info, compareRow, buttons);
        controls.setMinWidth(300);
        controls.setPrefWidth(320);
        controls.setMaxWidth(340);
        ScrollPane strip = new ScrollPane(new StackPane(gallery, empty));
        strip.setId("gallery-strip");
        strip.setFitToHeight(true);
        strip.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        strip.getStyleClass().add("edge-to-edge");
        HBox.setHgrow(strip, Priority.ALWAYS);
        getChildren().addAll(controls, previews, strip);
    }

    private void withSelected(Consumer<RunResult> action) {
        RunResult r = vm.selectedResultProperty().get();
        if (r != null) {
            action.accept(r);
        }
    }

    private void rebuild() {
        gallery.getChildren().clear();
        selection.getToggles().clear();
        for (RunResult r : vm.results()) {
            ImageView thumb = new ImageView(SwingFXUtils.toFXImage(r.modelSpace(), null));
            thumb.setFitWidth(THUMB);
            thumb.setFitHeight(THUMB);
            thumb.setPreserveRatio(true);
            thumb.setSmooth(false);
            ToggleButton b = new ToggleButton(r.label(), thumb);
            b.setContentDisplay(javafx.scene.control.ContentDisplay.TOP);
            b.getStyleClass().addAll("result-thumb", Styles.FLAT);
            b.setUserData(r);
            b.setToggleGroup(selection);
            b.setId("result-" + r.run() + "-" + r.sample());
            Icons.tooltip(b, r.label() + ": click to show it on the picture; Apply puts it in.");
            gallery.getChildren().add(b);
        }
        syncSelection(vm.selectedResultProperty().get());
    }

    private void syncSelection(RunResult r) {
        syncing = true;
        try {
            selection.getToggles().forEach(t -> t.setSelected(t.getUserData() == r));
        } finally {
            syncing = false;
        }
    }
}
