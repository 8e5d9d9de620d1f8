package org.repaintstudio.app.model;

import java.util.List;
import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

import org.repaintstudio.app.model.ModelsViewModel.Job;
import org.repaintstudio.app.model.ModelsViewModel.RemoveAction;
import org.repaintstudio.app.util.Icons;
import org.repaintstudio.core.model.ModelCatalog;

/**
 * The Models window (Run ▸ Models…): the models table with Import, Convert, Delete / Remove from
 * list and Info, and below it the Hugging Face Hub download with the curated catalogue. Built in
 * code over a {@link ModelsViewModel}; owned by the main window and not modal, so painting can go
 * on during a download.
 */
public final class ModelsDialog {
    private final Stage stage = new Stage();
    private final ModelsViewModel vm;
    private final Window owner;

    public ModelsDialog(Window owner, ModelsViewModel vm) {
        this.vm = vm;
        this.owner = owner;
        stage.initOwner(owner);
        stage.setTitle("Models – RePaint Studio");

        BorderPane root = new BorderPane();
        root.setId("models-root");
        root.getStyleClass().add("models-dialog");
        root.setTop(toolBar());
        ScrollPane info = infoPane();
        SplitPane top = new SplitPane(modelsTable(), info);
        top.setDividerPositions(0.72);
        infoVisible.addListener((o, a, show) -> {
            if (show && !top.getItems().contains(info)) {
                top.getItems().add(info);
                top.setDividerPositions(0.72);
            } else if (!show) {
                top.getItems().remove(info);
            }
        });
        SplitPane main = new SplitPane(top, hubPane());
        main.setOrientation(Orientation.VERTICAL);
        main.setDividerPositions(0.5);
        root.setCenter(main);
        root.setBottom(bottomBar());

        Scene scene = new Scene(root, 1240, 800);
        if (owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                close();
            }
        });
        stage.setScene(scene);
        stage.setMinWidth(760);
        stage.setMinHeight(520);
        stage.setOnCloseRequest(e -> {
            if (!vm.confirmClose()) {
                e.consume();
            }
        });
    }

    /** Shows the window (or brings it to the front) and rescans the models. */
    public void show() {
        Scene ownerScene = owner.getScene();
        if (ownerScene != null) {
            // Follow the main window's light or dark look.
            var classes = stage.getScene().getRoot().getStyleClass();
            classes.removeAll("dark", "light");
            ownerScene.getRoot().getStyleClass().stream().filter(c -> c.equals("dark") || c.equals("light"))
                    .forEach(classes::add);
        }
        if (stage.isShowing()) {
            stage.toFront();
        } else {
            stage.show();
        }
        vm.refresh();
    }

    /** Closes the window, asking first while a download or conversion runs. */
    public void close() {
        if (vm.confirmClose()) {
            stage.close();
        }
    }

    public Stage stage() {
        return stage;
    }

    // --- parts -----------------------------------------------------------------------------------

    private ToolBar toolBar() {
        Button importFolder = button("Import folder…", MaterialDesignF.FOLDER_PLUS, "models-import-folder",
                "Add a model folder you already have (diffusers layout: config.json with "
                        + "diffusion_pytorch_model.safetensors or model.onnx, at the top or under unet/). "
                        + "Its files stay where they are.");
        importFolder.setOnAction(e -> vm.importFolderWithDialog());
        Button importOnnx = button("Import ONNX file…", MaterialDesignF.FILE_PLUS_OUTLINE, "models-import-onnx",
                "Add a single .onnx model file; its files stay where they are.");
        importOnnx.setOnAction(e -> vm.importOnnxWithDialog());

        Button convert = button("Convert", MaterialDesignS.SWAP_HORIZONTAL, "models-convert",
                "Convert the selected model's safetensors weights to ONNX now (otherwise this happens when it is "
                        + "first used). Shows progress; Cancel stops it.");
        convert.setOnAction(e -> vm.convertSelected());
        convert.disableProperty().bind(vm.canConvertProperty().not());

        Button remove = button("Delete…", MaterialDesignD.DELETE_OUTLINE, "models-remove", "");
        remove.setOnAction(e -> vm.removeSelected());
        remove.disableProperty().bind(vm.removeActionProperty().isEqualTo(RemoveAction.NONE));
        Tooltip removeTip = remove.getTooltip();
        Runnable updateRemove = () -> {
            boolean forget = vm.removeActionProperty().get() == RemoveAction.FORGET;
            remove.setText(forget ? "Remove from list" : "Delete…");
            ((FontIcon) remove.getGraphic()).setIconCode(forget ? MaterialDesignP.PLAYLIST_REMOVE
                    : MaterialDesignD.DELETE_OUTLINE);
            removeTip.setText(switch (vm.removeActionProperty().get()) {
                case FORGET -> "Take this imported model off the list; its files are not touched.";
                case DELETE -> "Delete this model's files from your model folder (asks first).";
                case NONE -> "Models in your model folder can be deleted and imported ones removed from the list; "
                        + "bundled models stay.";
            });
        };
        vm.removeActionProperty().addListener((o, a, b) -> updateRemove.run());
        updateRemove.run();

        ToggleButton info = Icons.decorate(new ToggleButton("Info"), MaterialDesignI.INFORMATION_OUTLINE,
                "Show or hide the selected model's details: location, layout, config, scheduler, files, licence.");
        info.setId("models-info");
        info.setSelected(true);
        infoVisible = info.selectedProperty();

        Button refresh = button("Refresh", MaterialDesignR.REFRESH, "models-refresh",
                "Look for models again (for folders changed outside RePaint Studio).");
        refresh.setOnAction(e -> vm.rescan());
        refresh.disableProperty().bind(vm.listingProperty());

        ToolBar bar = new ToolBar(importFolder, importOnnx, new Separator(Orientation.VERTICAL), convert, remove,
                new Separator(Orientation.VERTICAL), info, refresh);
        bar.setId("models-tool-bar");
        return bar;
    }

    private javafx.beans.property.BooleanProperty infoVisible;

    private TableView<ModelRow> modelsTable() {
        TableView<ModelRow> table = new TableView<>(vm.rows());
        table.setId("models-table");
        table.getStyleClass().addAll(Styles.STRIPED, Tweaks.EDGE_TO_EDGE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label placeholder = new Label();
        placeholder.setId("models-placeholder");
        // While the first scan runs the list is empty because it is being read, not because it is.
        placeholder.textProperty().bind(javafx.beans.binding.Bindings.when(vm.listingProperty())
                .then("Looking for models…")
                .otherwise("No models yet: import a folder or an ONNX file, or download one below."));
        placeholder.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(placeholder);

        TableColumn<ModelRow, ModelRow> name = new TableColumn<>("Name");
        name.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        name.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(ModelRow row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                setText(row.name());
                FontIcon icon = Icons.icon(row.isProblem() ? MaterialDesignA.ALERT_CIRCLE_OUTLINE
                        : row.needsConversion() ? MaterialDesignC.COG_TRANSFER_OUTLINE : MaterialDesignC.CHECK_CIRCLE_OUTLINE);
                icon.getStyleClass().add(row.isProblem() ? "model-problem" : row.needsConversion() ? "model-convert"
                        : "model-ready");
                setGraphic(icon);
            }
        });
        name.setPrefWidth(170);
        name.setMinWidth(130);
        TableColumn<ModelRow, String> source = column("Source", 96, ModelRow::sourceLabel);
        TableColumn<ModelRow, String> domain = column("Domain", 110, ModelRow::domain);
        TableColumn<ModelRow, String> res = column("Resolution", 104, ModelRow::resolutionLabel);
        TableColumn<ModelRow, String> params = column("Parameters", 108, ModelRow::parametersLabel);
        TableColumn<ModelRow, String> size = column("Size", 76, ModelRow::sizeLabel);
        TableColumn<ModelRow, String> licence = column("Licence", 90, ModelRow::license);
        TableColumn<ModelRow, String> status = column("Status", 200, ModelRow::statusLabel);
        for (TableColumn<ModelRow, String> c : List.of(source, res, params, size, licence)) {
            c.setMinWidth(c.getPrefWidth());
        }
        status.setMinWidth(140);
        // Problems are whole sentences: wrap them rather than cut them off.
        status.setCellFactory(c -> new TableCell<>() {
            private final javafx.scene.text.Text text = new javafx.scene.text.Text();

            {
                text.getStyleClass().add("model-status-text");
                text.wrappingWidthProperty().bind(status.widthProperty().subtract(16));
                setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
            }

            @Override
            protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                text.setText(empty ? null : value);
                setGraphic(empty ? null : text);
            }
        });
        for (TableColumn<ModelRow, String> c : List.of(res, params, size)) {
            c.setStyle("-fx-alignment: CENTER-RIGHT;");
        }
        table.getColumns().add(name);
        table.getColumns().addAll(List.of(source, domain, res, params, size, licence, status));

        table.setRowFactory(t -> {
            TableRow<ModelRow> row = new TableRow<>();
            Tooltip tip = new Tooltip();
            tip.setWrapText(true);
            tip.setMaxWidth(460);
            tip.setShowDelay(Duration.millis(400));
            row.itemProperty().addListener((o, a, item) -> {
                if (item == null) {
                    row.setTooltip(null);
                    row.pseudoClassStateChanged(PROBLEM, false);
                } else {
                    tip.setText(item.location() + "\n" + item.statusLabel());
                    row.setTooltip(tip);
                    row.pseudoClassStateChanged(PROBLEM, item.isProblem());
                }
            });
            return row;
        });

        // Two-way selection: the view-model picks after a refresh, the user picks by clicking.
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && b != vm.selectedProperty().get()) {
                vm.selectedProperty().set(b);
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> selectInTable(table, b));
        vm.rows().addListener((javafx.collections.ListChangeListener<ModelRow>) c -> selectInTable(table,
                vm.selectedProperty().get()));
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE) {
                vm.removeSelected();
                e.consume();
            }
        });
        return table;
    }

    private static final javafx.css.PseudoClass PROBLEM = javafx.css.PseudoClass.getPseudoClass("problem");

    private static void selectInTable(TableView<ModelRow> table, ModelRow row) {
        if (row == null) {
            table.getSelectionModel().clearSelection();
        } else if (table.getSelectionModel().getSelectedItem() != row) {
            table.getSelectionModel().select(row);
            table.scrollTo(row);
        }
    }

    private static <T> TableColumn<T, String> column(String title, double width, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private VBox infoBox;

    private ScrollPane infoPane() {
        infoBox = new VBox(6);
        infoBox.setPadding(new Insets(10, 12, 10, 12));
        infoBox.setId("models-details");
        ScrollPane scroll = new ScrollPane(infoBox);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setMinWidth(260);
        scroll.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
        SplitPane.setResizableWithParent(scroll, false);
        vm.detailsProperty().addListener((o, a, d) -> fillInfo(d));
        fillInfo(vm.detailsProperty().get());
        return scroll;
    }

    private void fillInfo(ModelDetails d) {
        infoBox.getChildren().clear();
        if (d == null) {
            Label none = new Label("Select a model to see its details.");
            none.getStyleClass().add(Styles.TEXT_MUTED);
            infoBox.getChildren().add(none);
            return;
        }
        Label title = new Label(d.name());
        title.getStyleClass().add(Styles.TITLE_4);
        title.setWrapText(true);
        title.setId("models-details-title");
        Button copy = Icons.decorate(new Button(), MaterialDesignC.CONTENT_COPY, "Copy these details as text.");
        copy.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(d.asText());
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        });
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox head = new HBox(6, title, spring, copy);
        head.setAlignment(Pos.CENTER_LEFT);
        infoBox.getChildren().add(head);
        for (ModelDetails.Section s : d.sections()) {
            Label heading = new Label(s.title());
            heading.getStyleClass().addAll(Styles.TEXT_BOLD, "section-title");
            GridPane grid = new GridPane();
            grid.setHgap(10);
            grid.setVgap(2);
            ColumnConstraints labels = new ColumnConstraints();
            labels.setMinWidth(Region.USE_PREF_SIZE);
            labels.setMaxWidth(s.title().equals("Files") ? 230 : 140);
            ColumnConstraints values = new ColumnConstraints();
            values.setHgrow(Priority.ALWAYS);
            values.setMinWidth(60);
            grid.getColumnConstraints().addAll(labels, values);
            int r = 0;
            for (ModelDetails.Fact f : s.facts()) {
                Label k = new Label(f.label());
                k.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
                k.setMinWidth(Region.USE_PREF_SIZE);
                k.setMaxWidth(labels.getMaxWidth());
                k.setTextOverrun(javafx.scene.control.OverrunStyle.CENTER_ELLIPSIS);
                Label v = new Label(f.value());
                v.setWrapText(true);
                v.getStyleClass().add(Styles.TEXT_SMALL);
                if (f.label().equals("Problem")) {
                    v.getStyleClass().add(Styles.DANGER);
                }
                grid.addRow(r++, k, v);
            }
            infoBox.getChildren().addAll(heading, grid);
        }
    }

    private VBox hubPane() {
        Label title = new Label("Download from the Hugging Face Hub", Icons.icon(MaterialDesignC.CLOUD_DOWNLOAD_OUTLINE));
        title.getStyleClass().add(Styles.TITLE_4);
        Label intro = new Label("Pick a model known to work well, or type any repository with a diffusers DDPM "
                + "(UNet2DModel with safetensors weights). It is downloaded into your model folder and converted to ONNX.");
        intro.setWrapText(true);
        intro.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);

        TableView<ModelCatalog.Item> catalog = new TableView<>(vm.catalog());
        catalog.setId("hub-catalog");
        catalog.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        catalog.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        catalog.setPrefHeight(170);
        catalog.setMinHeight(90);
        TableColumn<ModelCatalog.Item, String> model = column("Model", 210,
                i -> i.title() + (i.recommended() ? "  ★" : ""));
        TableColumn<ModelCatalog.Item, String> repo = column("Repository", 230, ModelCatalog.Item::repoId);
        TableColumn<ModelCatalog.Item, String> domain = column("Domain", 170, ModelCatalog.Item::domain);
        TableColumn<ModelCatalog.Item, String> res = column("Resolution", 85, i -> i.resolution() + " px");
        TableColumn<ModelCatalog.Item, String> size = column("Download", 85, i -> "~" + i.approxDownloadMb() + " MB");
        TableColumn<ModelCatalog.Item, String> licence = column("Licence", 100, ModelCatalog.Item::license);
        res.setStyle("-fx-alignment: CENTER-RIGHT;");
        size.setStyle("-fx-alignment: CENTER-RIGHT;");
        catalog.getColumns().addAll(List.of(model, repo, domain, res, size, licence));
        catalog.getSelectionModel().selectedItemProperty().addListener((o, a, item) ->
                vm.selectedCatalogItemProperty().set(item));
        Icons.tooltip(catalog, "★ recommended: EMA weights, which sample better. Sizes are approximate.");

        TextField repoField = new TextField();
        repoField.setId("hub-repo");
        repoField.setPromptText("owner/name, e.g. google/ddpm-ema-celebahq-256");
        repoField.textProperty().bindBidirectional(vm.repoIdProperty());
        repoField.setPrefColumnCount(28);
        HBox.setHgrow(repoField, Priority.ALWAYS);
        Icons.tooltip(repoField, "A Hugging Face repository id (owner/name). Gated or private repositories need "
                + "the HF_TOKEN environment variable.");
        TextField revisionField = new TextField();
        revisionField.setId("hub-revision");
        revisionField.setPromptText("main");
        revisionField.setPrefColumnCount(10);
        revisionField.textProperty().bindBidirectional(vm.revisionProperty());
        Icons.tooltip(revisionField, "Optional branch, tag or commit (default: main), e.g. refs/pr/1 for a "
                + "safetensors conversion branch.");
        Button download = button("Download", MaterialDesignD.DOWNLOAD, "hub-download",
                "Download the repository into your model folder and convert it to ONNX. A stopped download "
                        + "resumes where it stopped.");
        download.getStyleClass().add(Styles.ACCENT);
        download.setDefaultButton(false);
        download.setOnAction(e -> vm.download());
        download.disableProperty().bind(vm.canDownloadBinding().not());
        repoField.setOnAction(e -> vm.download());
        revisionField.setOnAction(e -> vm.download());
        var downloading = vm.jobProperty().isEqualTo(Job.DOWNLOAD);
        repoField.disableProperty().bind(downloading);
        revisionField.disableProperty().bind(downloading);
        catalog.disableProperty().bind(downloading);
        Label repoLabel = new Label("Repository");
        repoLabel.setLabelFor(repoField);
        Label revLabel = new Label("Revision");
        revLabel.setLabelFor(revisionField);
        HBox form = new HBox(8, repoLabel, repoField, revLabel, revisionField, download);
        form.setAlignment(Pos.CENTER_LEFT);

        // Progress of the running download or conversion.
        Label jobTitle = new Label();
        jobTitle.setId("models-job");
        jobTitle.textProperty().bind(vm.jobTitleProperty());
        jobTitle.getStyleClass().add(Styles.TEXT_BOLD);
        jobTitle.setMinWidth(Region.USE_PREF_SIZE);
        ProgressBar bar = new ProgressBar();
        bar.setId("models-progress");
        bar.progressProperty().bind(vm.progressProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        Button cancel = button("Cancel", MaterialDesignS.STOP, "models-cancel",
                "Stop the download or conversion. What has been downloaded is kept: the next download resumes from it.");
        cancel.setOnAction(e -> vm.cancel());
        cancel.disableProperty().bind(vm.jobProperty().isEqualTo(Job.NONE));
        HBox progressRow = new HBox(10, jobTitle, bar, cancel);
        progressRow.setAlignment(Pos.CENTER_LEFT);
        Label progressText = new Label();
        progressText.setId("models-progress-text");
        progressText.textProperty().bind(vm.progressTextProperty());
        progressText.getStyleClass().add(Styles.TEXT_SMALL);
        VBox progressBox = new VBox(4, progressRow, progressText);
        progressBox.visibleProperty().bind(vm.jobProperty().isNotEqualTo(Job.NONE));
        progressBox.managedProperty().bind(progressBox.visibleProperty());

        Label status = new Label();
        status.setId("models-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        status.visibleProperty().bind(vm.statusProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());
        status.graphicProperty().bind(Bindings.createObjectBinding(() -> Icons.icon(vm.statusIsErrorProperty().get()
                ? MaterialDesignA.ALERT_CIRCLE_OUTLINE : MaterialDesignI.INFORMATION_OUTLINE), vm.statusIsErrorProperty()));
        status.setContentDisplay(ContentDisplay.LEFT);
        vm.statusIsErrorProperty().addListener((o, a, error) -> {
            status.getStyleClass().remove(Styles.DANGER);
            if (error) {
                status.getStyleClass().add(Styles.DANGER);
            }
        });

        Label note = new Label("Files go to " + vm.userModelsDir() + ". Only safetensors weights are downloaded "
                + "(pickled .bin files are refused); https_proxy and HF_TOKEN are honoured.");
        note.setWrapText(true);
        note.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);

        VBox box = new VBox(8, title, intro, catalog, form, progressBox, status, note);
        VBox.setVgrow(catalog, Priority.ALWAYS);
        box.setPadding(new Insets(10, 12, 10, 12));
        box.setId("hub-pane");
        return box;
    }

    private HBox bottomBar() {
        Button close = button("Close", MaterialDesignC.CLOSE, "models-close",
                "Close this window (asks first while a download or conversion runs).");
        close.setOnAction(e -> close());
        HBox bar = new HBox(close);
        bar.setAlignment(Pos.CENTER_RIGHT);
        bar.setPadding(new Insets(8, 12, 10, 12));
        return bar;
    }

    private static Button button(String text, org.kordamp.ikonli.Ikon icon, String id, String tip) {
        Button b = Icons.decorate(new Button(text), icon, tip);
        b.setId(id);
        return b;
    }
}
