package org.repaintstudio.app.run;

import java.util.ArrayList;
import java.util.List;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.image.ImageView;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;

import atlantafx.base.theme.Styles;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

import org.repaintstudio.app.model.ModelChoice;
import org.repaintstudio.app.util.Icons;
import org.repaintstudio.core.inpaint.RePaintParameters;
import org.repaintstudio.core.sampler.SamplerType;
import org.repaintstudio.core.inpaint.RePaintParameters.Preset;

/** Model, parameters, Run/Cancel, progress, the schedule plot and the live previews. */
public final class RunPanel extends VBox {
    private final RunViewModel vm;
    private final ScheduleChart chart = new ScheduleChart();
    private final TilePane previewTiles = new TilePane(6, 6);
    private final VBox previewsBox;
    /** False while there is nothing to repaint (no picture); set by the main window. */
    private final javafx.beans.property.BooleanProperty runnable = new javafx.beans.property.SimpleBooleanProperty(true);
    /** Keeps the spinners' object views of the int properties alive (bidirectional bindings are weak). */
    private final List<Object> keepAlive = new ArrayList<>();

    /** How "Add model…" asks for the model: a folder or an .onnx file. */
    public interface ModelAdder {
        void addFolder();

        void addOnnxFile();

        /** Opens the Models window (list, import, download, convert, delete). */
        default void manageModels() { }
    }

    public RunPanel(RunViewModel vm, Runnable onRun, ModelAdder onAddModel) {
        this.vm = vm;
        getStyleClass().add("run-panel");
        setSpacing(10);
        setPadding(new Insets(12));
        bindChartAndPreviews();
        getChildren().addAll(
                section("Model"), modelRow(onAddModel), modelStatus(),
                section("Parameters"), presetButtons(), parameterGrid(), detailPane(), estimateLabel(), problemLabel(),
                runButtons(onRun), progressBar(), stageText(), progressText(),
                section("Schedule"), chart);
        previewsBox = buildPreviewsBox();
    }

    /** The closed picker shows name and domain only, so the label is not cut off in a narrow panel. */
    private static javafx.scene.control.ListCell<ModelChoice> shortLabelCell(String prompt) {
        return new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(ModelChoice item, boolean empty) {
                super.updateItem(item, empty);
                // A custom button cell hides the combo's prompt text, so it shows the prompt itself.
                setText(empty || item == null ? prompt : item.shortLabel());
            }
        };
    }

    private HBox modelRow(ModelAdder onAddModel) {
        ComboBox<ModelChoice> models = new ComboBox<>(vm.models());
        models.setId("model-picker");
        models.setMaxWidth(Double.MAX_VALUE);
        models.setPromptText("No model found");
        models.setButtonCell(shortLabelCell(models.getPromptText()));
        models.valueProperty().bindBidirectional(vm.selectedModelProperty());
        models.disableProperty().bind(vm.runningProperty());
        Icons.tooltip(models, "The diffusion model that repaints: name, the resolution it works at and its size on disk.");
        HBox.setHgrow(models, Priority.ALWAYS);
        javafx.scene.control.MenuButton addModel = Icons.decorate(new javafx.scene.control.MenuButton(),
                MaterialDesignF.FOLDER_PLUS, "Add model…: a model folder (model.onnx with config.json) or a single "
                        + ".onnx file.");
        addModel.setId("add-model");
        addModel.getItems().addAll(
                Icons.item("Model folder…", MaterialDesignF.FOLDER_OUTLINE, onAddModel::addFolder),
                Icons.item("ONNX file…", MaterialDesignF.FILE_OUTLINE, onAddModel::addOnnxFile));
        addModel.disableProperty().bind(vm.runningProperty());
        Button manageModels = Icons.decorate(new Button(), MaterialDesignD.DATABASE_COG_OUTLINE,
                "Models…: see all models, download one from the Hugging Face Hub, convert, delete.");
        manageModels.setId("manage-models");
        manageModels.setOnAction(e -> onAddModel.manageModels());
        return new HBox(6, models, addModel, manageModels);
    }

    private Label modelStatus() {
        Label modelStatus = new Label();
        modelStatus.textProperty().bind(vm.modelStatusProperty());
        modelStatus.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        modelStatus.setWrapText(true);
        return modelStatus;
    }

    private HBox presetButtons() {
        ToggleGroup presetGroup = new ToggleGroup();
        HBox presets = new HBox();
        presets.setId("presets");
        Preset[] values = Preset.values();
        for (int i = 0; i < values.length; i++) {
            Preset p = values[i];
            // Two lines, so that "Balanced" and its call count fit a narrow panel.
            ToggleButton b = new ToggleButton(String.format(java.util.Locale.ROOT, "%s%n%,d calls", p.label(), p.calls()));
            b.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
            b.setId("preset-" + p.name().toLowerCase(java.util.Locale.ROOT));
            b.setToggleGroup(presetGroup);
            b.setUserData(p);
            b.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(b, Priority.ALWAYS);
            b.getStyleClass().add(i == 0 ? Styles.LEFT_PILL : i == values.length - 1 ? Styles.RIGHT_PILL : Styles.CENTER_PILL);
            b.setGraphic(Icons.icon(i == 0 ? MaterialDesignR.ROCKET_LAUNCH : i == 1 ? MaterialDesignS.SCALE_BALANCE
                    : MaterialDesignS.SCHOOL));
            Icons.tooltip(b, p.description());
            b.setOnAction(e -> {
                vm.applyPreset(p);
                b.setSelected(true);
            });
            presets.getChildren().add(b);
        }
        vm.matchingPresetProperty().addListener((o, a, p) -> selectPreset(presetGroup, p));
        selectPreset(presetGroup, vm.matchingPresetProperty().get());
        presets.disableProperty().bind(vm.runningProperty());
        return presets;
    }

    private GridPane parameterGrid() {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        ColumnConstraints labels = new ColumnConstraints();
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        grid.getColumnConstraints().addAll(labels, fields);
        int row = 0;
        grid.addRow(row++, label("Steps"), intSpinner("steps", vm.stepsProperty(), 1, 1000,
                "Denoising steps T. More steps: finer detail, slower."));
        grid.addRow(row++, label("Jump length"), intSpinner("jump-length", vm.jumpLengthProperty(), 1, 999,
                "How many steps RePaint jumps back in time before resampling (j in the paper)."));
        grid.addRow(row++, label("Resamplings"), intSpinner("jump-n-sample", vm.jumpNSampleProperty(), 1, 100,
                "Jump n sample r: how often each jump is repeated. More: the new content blends in better, slower."));
        grid.addRow(row++, label("Eta"), etaSpinner());
        grid.addRow(row++, label("Mode"), modeBox());
        grid.addRow(row++, label("Device"), deviceBox());
        grid.addRow(row++, label("Samples"), intSpinner("samples", vm.samplesProperty(), 1,
                RePaintParameters.MAX_SAMPLES, "How many different results to make at once (one per seed stream)."));
        grid.addRow(row++, label("Seed"), seedRow());
        grid.disableProperty().bind(vm.runningProperty());
        return grid;
    }

    /**
     * Native-resolution detail, folded away by default so the panel stays calm: the toggle, how much
     * each level redraws, the blend band's width, and whether the grain is copied from around the hole.
     */
    private TitledPane detailPane() {
        CheckBox on = new CheckBox("Native-resolution detail");
        on.setId("refine");
        on.selectedProperty().bindBidirectional(vm.refineProperty());
        Icons.tooltip(on, "Where the model saw a shrunk copy of the picture, redraw the fill level by level up to the "
                + "picture's own resolution, so it gets the photo's sharpness. Off: only the coarse pass, faster.");
        Spinner<Double> strength = new Spinner<>(0.05, 1.0, vm.refineStrengthProperty().get(), 0.05);
        strength.setId("refine-strength");
        strength.setEditable(true);
        strength.setMaxWidth(Double.MAX_VALUE);
        ObjectProperty<Double> strengthObject = vm.refineStrengthProperty().asObject();
        keepAlive.add(strengthObject);
        strength.getValueFactory().valueProperty().bindBidirectional(strengthObject);
        Icons.tooltip(strength, "How much each level redraws: 0.3 keeps the layout and adds texture, higher invents more.");
        Spinner<Integer> blend = intSpinner("blend-width", vm.blendWidthProperty(), 0, RunViewModel.MAX_BLEND_WIDTH,
                "Pixels outside the mask over which the fill fades into the picture (like diffusers' blur_factor).");
        strength.disableProperty().bind(on.selectedProperty().not());
        CheckBox grain = new CheckBox("Grain from the surroundings");
        grain.setId("copy-grain");
        grain.selectedProperty().bindBidirectional(vm.copyGrainProperty());
        grain.disableProperty().bind(on.selectedProperty().not());
        Icons.tooltip(grain, "Give the fill the fine grain of the best-matching places around it (gravel gets gravel's "
                + "grain, a plain sky stays plain). Off: the model's own, softer grain.");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(new ColumnConstraints(), fields);
        grid.add(on, 0, 0, 2, 1);
        grid.addRow(1, label("Strength"), strength);
        grid.addRow(2, label("Blend width"), blend);
        grid.add(grain, 0, 3, 2, 1);
        TitledPane pane = new TitledPane("Detail and blending", grid);
        pane.setId("detail-pane");
        pane.setExpanded(false);
        pane.disableProperty().bind(vm.runningProperty());
        return pane;
    }

    private Label stageText() {
        Label stage = new Label();
        stage.setId("stage-text");
        stage.textProperty().bind(vm.stageTextProperty());
        stage.managedProperty().bind(stage.textProperty().isNotEmpty());
        stage.visibleProperty().bind(stage.managedProperty());
        return stage;
    }

    private Spinner<Double> etaSpinner() {
        Spinner<Double> eta = new Spinner<>(0.0, 1.0, vm.etaProperty().get(), 0.1);
        eta.setEditable(true);
        eta.setId("eta");
        eta.setMaxWidth(Double.MAX_VALUE);
        ObjectProperty<Double> etaObject = vm.etaProperty().asObject();
        keepAlive.add(etaObject);
        eta.getValueFactory().valueProperty().bindBidirectional(etaObject);
        Icons.tooltip(eta, "Eta (diffusers mode): 0 = deterministic DDIM-like steps, 1 = full DDPM noise.");
        return eta;
    }

    private ComboBox<SamplerType> modeBox() {
        ComboBox<SamplerType> mode = new ComboBox<>();
        mode.getItems().setAll(vm.modes());
        mode.setId("mode");
        mode.setMaxWidth(Double.MAX_VALUE);
        mode.valueProperty().bindBidirectional(vm.modeProperty());
        mode.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(SamplerType m) {
                return m == null ? "" : m.label();
            }

            @Override
            public SamplerType fromString(String s) {
                return null;
            }
        });
        Icons.tooltip(mode, String.join(" ", vm.modes().stream().map(SamplerType::description).toList()));
        return mode;
    }

    private ComboBox<String> deviceBox() {
        ComboBox<String> device = new ComboBox<>();
        device.getItems().setAll(vm.devices());
        device.setId("device");
        device.setMaxWidth(Double.MAX_VALUE);
        device.valueProperty().bindBidirectional(vm.deviceProperty());
        Icons.tooltip(device, "Where the model runs. A GPU needs the CUDA build; without it the app uses the CPU "
                + "and says why under the model.");
        return device;
    }

    private Label estimateLabel() {
        Label estimate = new Label();
        estimate.setId("estimate");
        estimate.textProperty().bind(vm.estimateProperty());
        estimate.setWrapText(true);
        // A slow preset (Paper: minutes on a CPU) restored from the last session must not go unnoticed.
        Runnable emphasise = () -> {
            boolean slow = vm.matchingPresetProperty().get() == Preset.PAPER;
            estimate.getStyleClass().removeAll(Styles.TEXT_SMALL, Styles.WARNING, Styles.TEXT_BOLD);
            estimate.getStyleClass().addAll(slow ? List.of(Styles.WARNING, Styles.TEXT_BOLD) : List.of(Styles.TEXT_SMALL));
        };
        vm.matchingPresetProperty().addListener((o, a, b) -> emphasise.run());
        emphasise.run();
        return estimate;
    }

    private Label problemLabel() {
        Label problem = new Label();
        problem.setId("problem");
        problem.textProperty().bind(vm.problemProperty());
        problem.setWrapText(true);
        problem.getStyleClass().addAll(Styles.DANGER, Styles.TEXT_SMALL);
        problem.visibleProperty().bind(vm.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        return problem;
    }

    private HBox runButtons(Runnable onRun) {
        Button run = new Button("Repaint");
        run.setId("run");
        run.setDefaultButton(false);
        run.getStyleClass().add(Styles.ACCENT);
        run.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(run, Priority.ALWAYS);
        Icons.decorate(run, MaterialDesignP.PLAY, "Repaint the masked area (Ctrl+Enter).");
        run.setOnAction(e -> onRun.run());
        run.disableProperty().bind(vm.runningProperty().or(vm.problemProperty().isNotEmpty()).or(runnable.not()));
        Button cancel = new Button("Cancel");
        cancel.setId("cancel");
        Icons.decorate(cancel, MaterialDesignS.STOP, "Stop the run before the next model call (Esc).");
        cancel.setOnAction(e -> vm.cancel());
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.getStyleClass().add(Styles.DANGER);
        return new HBox(8, run, cancel);

    }

    private ProgressBar progressBar() {
        ProgressBar bar = new ProgressBar();
        bar.setId("progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(vm.progressProperty());
        return bar;
    }

    private Label progressText() {
        Label progressText = new Label();
        progressText.setId("progress-text");
        progressText.textProperty().bind(vm.progressTextProperty());
        progressText.getStyleClass().add(Styles.TEXT_SMALL);
        return progressText;
    }

    private void bindChartAndPreviews() {
        chart.scheduleProperty().bind(vm.scheduleProperty());
        chart.cursorEntryProperty().bind(vm.cursorEntryProperty());

        previewTiles.setId("previews");
        previewTiles.setPrefRows(1);
        previewTiles.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        previewTiles.setPrefColumns(4);
        previewTiles.setPrefTileWidth(64);
        previewTiles.setPrefTileHeight(64);
        vm.previews().addListener((ListChangeListener<RunViewModel.SamplePreview>) c -> rebuildPreviews());

    }

    private VBox buildPreviewsBox() {
        Label previewTitle = section("Live x̂₀");
        Icons.tooltip(previewTitle, "The model's current estimate of the finished picture, per sample.");
        VBox previewsBox = new VBox(4, previewTitle, previewTiles);
        previewsBox.setId("previews-box");
        previewsBox.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.previews()));
        previewsBox.managedProperty().bind(previewsBox.visibleProperty());
        return previewsBox;
    }

    private static void selectPreset(ToggleGroup group, Preset p) {
        group.getToggles().forEach(t -> t.setSelected(t.getUserData() == p));
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().addAll(Styles.TITLE_4, "section-title");
        return l;
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.setMinWidth(Label.USE_PREF_SIZE);
        return l;
    }

    private Spinner<Integer> intSpinner(String id, IntegerProperty property, int min, int max, String tip) {
        Spinner<Integer> s = new Spinner<>(min, max, Math.max(min, Math.min(max, property.get())));
        s.setId(id);
        s.setEditable(true);
        s.setMaxWidth(Double.MAX_VALUE);
        ObjectProperty<Integer> object = property.asObject();
        keepAlive.add(object);
        s.getValueFactory().valueProperty().bindBidirectional(object);
        // Typed values count when focus leaves, not only on Enter.
        s.focusedProperty().addListener((o, was, is) -> {
            if (!is) {
                commit(s);
            }
        });
        Icons.tooltip(s, tip);
        return s;
    }

    private static void commit(Spinner<Integer> s) {
        try {
            SpinnerValueFactory<Integer> f = s.getValueFactory();
            Integer v = f.getConverter().fromString(s.getEditor().getText());
            if (v != null) {
                f.setValue(v);
            }
        } catch (RuntimeException e) {
            s.getEditor().setText(String.valueOf(s.getValue()));
        }
    }

    private HBox seedRow() {
        TextField seed = new TextField(Long.toString(vm.seedProperty().get()));
        seed.setId("seed");
        seed.setTextFormatter(new TextFormatter<String>(c -> c.getControlNewText().matches("\\d{0,18}") ? c : null));
        vm.seedProperty().addListener((o, a, b) -> {
            if (!seed.getText().equals(b.toString())) {
                seed.setText(b.toString());
            }
        });
        seed.textProperty().addListener((o, a, b) -> {
            if (!b.isEmpty()) {
                vm.seedProperty().set(Long.parseLong(b));
            }
        });
        Icons.tooltip(seed, "The noise seed: the same seed, parameters and mask give the same result.");
        HBox.setHgrow(seed, Priority.ALWAYS);
        Button dice = Icons.decorate(new Button(), MaterialDesignD.DICE_5, "Pick a new random seed.");
        dice.setId("randomise-seed");
        dice.setOnAction(e -> vm.randomiseSeed());
        ToggleButton lock = new ToggleButton();
        lock.setId("lock-seed");
        lock.selectedProperty().bindBidirectional(vm.seedLockedProperty());
        lock.graphicProperty().bind(javafx.beans.binding.Bindings.createObjectBinding(
                () -> Icons.icon(lock.isSelected() ? MaterialDesignL.LOCK_OUTLINE : MaterialDesignL.LOCK_OPEN_OUTLINE),
                lock.selectedProperty()));
        Icons.tooltip(lock, "Lock the seed: every run uses this seed. Unlocked, each run picks a new one.");
        HBox box = new HBox(4, seed, dice, lock);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private void rebuildPreviews() {
        previewTiles.getChildren().clear();
        previewTiles.setPrefColumns(Math.max(1, Math.min(8, vm.previews().size())));
        for (RunViewModel.SamplePreview p : vm.previews()) {
            ImageView view = new ImageView();
            view.setFitWidth(64);
            view.setFitHeight(64);
            view.setPreserveRatio(true);
            view.setSmooth(false);
            p.imageProperty().addListener((o, a, img) -> view.setImage(img == null ? null : SwingFXUtils.toFXImage(img, null)));
            Label caption = new Label("#" + (p.sample() + 1));
            caption.getStyleClass().addAll(Styles.TEXT_SMALL, "preview-caption");
            Runnable caption2 = () -> caption.setText("#" + (p.sample() + 1)
                    + (p.doneProperty().get() ? " ✓" : " · " + p.stepProperty().get()));
            p.stepProperty().addListener((o, a, s) -> caption2.run());
            p.doneProperty().addListener((o, a, s) -> caption2.run());
            StackPane tile = new StackPane(view, caption);
            StackPane.setAlignment(caption, Pos.BOTTOM_LEFT);
            tile.getStyleClass().add("preview-tile");
            tile.setId("preview-" + p.sample());
            previewTiles.getChildren().add(tile);
        }
    }

    public javafx.beans.property.BooleanProperty runnableProperty() {
        return runnable;
    }

    /** The live previews, shown by the main window next to the results. */
    public VBox previewsBox() {
        return previewsBox;
    }

    public ScheduleChart chart() {
        return chart;
    }

}
