package org.repaintstudio.app.main;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.beans.binding.Bindings;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Separator;
import javafx.scene.image.Image;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import atlantafx.base.theme.Styles;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignK;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;
import org.kordamp.ikonli.materialdesign2.MaterialDesignV;

import org.repaintstudio.app.canvas.CanvasView;
import org.repaintstudio.app.canvas.Tool;
import org.repaintstudio.app.canvas.ToolSettings;
import org.repaintstudio.app.document.DocumentViewModel;
import org.repaintstudio.app.model.ModelsDialog;
import org.repaintstudio.app.model.ModelsViewModel;
import org.repaintstudio.app.prefs.Settings;
import org.repaintstudio.app.results.ResultsPanel;
import org.repaintstudio.app.run.RunPanel;
import org.repaintstudio.app.run.RunViewModel;
import org.repaintstudio.app.util.Icons;
import org.repaintstudio.core.image.MaskConvention;
import org.repaintstudio.core.image.MaskPresets;

/** The main window: menus, tool bar, canvas, run and results side bar, status bar. */
public final class MainWindow {
    private final Stage stage;
    private final AppServices services;
    private final MainViewModel vm;
    private final DocumentViewModel document;
    private final RunViewModel run;
    private final ToolSettings tools = new ToolSettings();
    private final CanvasView canvas;
    private final RunPanel runPanel;
    private final Scene scene;
    private final Timeline autosaveTimer;
    private ModelsViewModel modelsViewModel;
    private ModelsDialog modelsDialog;

    public MainWindow(Stage stage, AppServices services) {
        this.stage = stage;
        this.services = services;
        Settings settings = services.settings().get();
        document = new DocumentViewModel();
        run = new RunViewModel(services.catalog(), services.inference(), services.dialogs(), settings,
                services.settings()::save, services.modelOpener());
        vm = new MainViewModel(document, run, services.settings(), services.dialogs(), services.io(),
                services.autosave());
        tools.brushSizeProperty().set(settings.brushSize);
        tools.hardnessProperty().set(settings.brushHardness);
        tools.showCropRegionProperty().set(settings.showCropRegion);
        tools.livePreviewProperty().set(settings.livePreviewOnCanvas);

        canvas = new CanvasView(document, tools);
        canvas.cropPlanProperty().bind(vm.cropPlanProperty());
        run.selectedResultProperty().addListener((o, a, r) -> {
            canvas.comparedResultProperty().set(r == null ? null : r.image());
            canvas.compareSplitProperty().set(0);
        });
        run.liveFrameProperty().addListener((o, a, f) -> {
            canvas.livePlanProperty().set(f == null ? null : f.plan());
            canvas.liveImageProperty().set(f == null ? null : SwingFXUtils.toFXImage(f.composite(), null));
        });
        run.runningProperty().addListener((o, a, running) -> {
            if (running) {
                run.selectedResultProperty().set(null);
            } else {
                canvas.liveImageProperty().set(null);
            }
        });

        runPanel = new RunPanel(run, this::startRun, new RunPanel.ModelAdder() {
            @Override
            public void addFolder() {
                addModelFolder();
            }

            @Override
            public void addOnnxFile() {
                addModelFile();
            }

            @Override
            public void manageModels() {
                openModels();
            }
        });
        runPanel.runnableProperty().bind(document.imageProperty().isNotNull());
        ResultsPanel results = new ResultsPanel(run, canvas.compareSplitProperty(), runPanel.previewsBox(), new ResultsPanel.Actions(
                r -> {
                    vm.applyResult(r);
                    run.selectedResultProperty().set(null);
                },
                vm::saveResult, vm::saveComparisonGrid, vm::saveAnimation));
        ScrollPane sideScroll = new ScrollPane(runPanel);
        sideScroll.setFitToWidth(true);
        sideScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        sideScroll.setMinWidth(330);
        sideScroll.setPrefWidth(370);
        sideScroll.setId("side-bar");

        SplitPane work = new SplitPane(canvas, results);
        work.setOrientation(Orientation.VERTICAL);
        work.setDividerPositions(0.78);
        SplitPane.setResizableWithParent(results, false);
        results.setMinHeight(150);
        SplitPane split = new SplitPane(work, sideScroll);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.72);
        SplitPane.setResizableWithParent(sideScroll, false);

        BorderPane root = new BorderPane();
        root.setTop(new VBox(menuBar(), toolBar()));
        root.setCenter(split);
        root.setBottom(new StatusBar(vm, canvas));
        root.setId("main-root");

        scene = new Scene(root, settings.windowWidth, settings.windowHeight);
        scene.getStylesheets().add(MainWindow.class.getResource("/org/repaintstudio/app/app.css").toExternalForm());
        applyTheme(settings.darkTheme);
        installKeys();
        installDragAndDrop();

        stage.setScene(scene);
        stage.titleProperty().bind(document.titleProperty());
        restoreGeometry(settings);
        stage.setOnCloseRequest(e -> {
            if (!closeRequested()) {
                e.consume();
            }
        });

        autosaveTimer = new Timeline(new KeyFrame(Duration.seconds(5), e -> vm.autosaveIfChanged()));
        autosaveTimer.setCycleCount(Timeline.INDEFINITE);
        autosaveTimer.play();
    }

    /** Shows the window, offers crash recovery, lists the models and opens the given files. */
    public void show(List<Path> files) {
        stage.show();
        canvas.requestFocus();
        run.refreshModels();
        // After the window is up, so the recovery question has a window to belong to.
        javafx.application.Platform.runLater(() -> {
            vm.offerRecovery();
            if (!files.isEmpty()) {
                vm.openFiles(files);
            }
        });
    }

    // --- menus ----------------------------------------------------------------------------------

    private MenuBar menuBar() {
        Menu file = new Menu("_File");
        MenuItem open = Icons.item("_Open…", MaterialDesignF.FOLDER_OPEN, vm::openWithDialog);
        open.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        Menu recent = new Menu("Open _Recent");
        recent.setId("recent-menu");
        recent.setOnShowing(e -> fillRecent(recent));
        fillRecent(recent);
        vm.recentFiles().addListener((javafx.collections.ListChangeListener<Path>) c -> fillRecent(recent));
        MenuItem paste = Icons.item("_Paste picture", MaterialDesignC.CONTENT_PASTE, this::paste);
        paste.setAccelerator(new KeyCodeCombination(KeyCode.V, KeyCombination.SHORTCUT_DOWN));
        MenuItem save = Icons.item("_Save picture as…", MaterialDesignC.CONTENT_SAVE, vm::saveImageAs);
        save.setAccelerator(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN));
        MenuItem saveMask = Icons.item("Save _mask as…", MaterialDesignC.CONTENT_SAVE_OUTLINE, vm::saveMaskAs);
        saveMask.setAccelerator(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        MenuItem quit = Icons.item("_Quit", MaterialDesignE.EXIT_TO_APP, () -> {
            if (closeRequested()) {
                stage.close();
            }
        });
        quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        for (MenuItem m : List.of(save, saveMask)) {
            m.disableProperty().bind(document.imageProperty().isNull());
        }
        file.getItems().addAll(open, recent, paste, new SeparatorMenuItem(), save, saveMask, new SeparatorMenuItem(),
                quit);

        Menu edit = new Menu("_Edit");
        MenuItem undo = Icons.item("_Undo", MaterialDesignU.UNDO, document::undo);
        undo.setAccelerator(new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN));
        undo.disableProperty().bind(document.history().canUndoProperty().not());
        undo.textProperty().bind(Bindings.concat("_Undo ", document.history().undoLabelProperty()));
        MenuItem redo = Icons.item("_Redo", MaterialDesignR.REDO, document::redo);
        redo.setAccelerator(new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        redo.disableProperty().bind(document.history().canRedoProperty().not());
        redo.textProperty().bind(Bindings.concat("_Redo ", document.history().redoLabelProperty()));
        edit.getItems().addAll(undo, redo);

        Menu mask = new Menu("_Mask");
        MenuItem clear = Icons.item("_Clear", MaterialDesignE.ERASER_VARIANT, document::clearMask);
        clear.setAccelerator(new KeyCodeCombination(KeyCode.DELETE, KeyCombination.SHORTCUT_DOWN));
        MenuItem invert = Icons.item("_Invert", MaterialDesignI.INVERT_COLORS, document::invertMask);
        invert.setAccelerator(new KeyCodeCombination(KeyCode.I, KeyCombination.SHORTCUT_DOWN));
        MenuItem fillAll = Icons.item("_Fill all", MaterialDesignF.FORMAT_COLOR_FILL, document::fillAllMask);
        fillAll.setAccelerator(new KeyCodeCombination(KeyCode.A, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        Menu presets = new Menu("_Presets (RePaint paper)");
        presets.setGraphic(Icons.icon(MaterialDesignS.SHAPE_OUTLINE));
        for (MaskPresets p : MaskPresets.values()) {
            MenuItem m = new MenuItem(p.label());
            m.setId("menu-preset-" + p.id());
            m.setOnAction(e -> applyPreset(p));
            presets.getItems().add(m);
        }
        MenuItem load = Icons.item("_Load mask (white = fill)…", MaterialDesignF.FOLDER_OPEN_OUTLINE,
                () -> vm.loadMaskWithDialog(MaskConvention.WHITE_FILL));
        Menu importMask = new Menu("_Import mask from another convention");
        importMask.setGraphic(Icons.icon(MaterialDesignF.FILE_IMPORT_OUTLINE));
        importMask.getItems().addAll(
                Icons.item("White = keep (diffusers)…", null, () -> vm.loadMaskWithDialog(MaskConvention.WHITE_KEEP)),
                Icons.item("255 = known (original RePaint)…", null, () -> vm.loadMaskWithDialog(MaskConvention.KNOWN_255)));
        MenuItem saveMask2 = Icons.item("_Save mask as…", MaterialDesignC.CONTENT_SAVE_OUTLINE, vm::saveMaskAs);
        mask.getItems().addAll(clear, invert, fillAll, presets, new SeparatorMenuItem(), load, importMask, saveMask2);
        mask.getItems().forEach(m -> m.disableProperty().bind(document.imageProperty().isNull()));

        Menu view = new Menu("_View");
        MenuItem zoomIn = Icons.item("Zoom _in", MaterialDesignM.MAGNIFY_PLUS, () -> canvas.zoomBy(1.25));
        zoomIn.setAccelerator(new KeyCodeCombination(KeyCode.EQUALS, KeyCombination.SHORTCUT_DOWN));
        MenuItem zoomOut = Icons.item("Zoom _out", MaterialDesignM.MAGNIFY_MINUS, () -> canvas.zoomBy(1 / 1.25));
        zoomOut.setAccelerator(new KeyCodeCombination(KeyCode.MINUS, KeyCombination.SHORTCUT_DOWN));
        MenuItem fit = Icons.item("_Fit", MaterialDesignF.FIT_TO_SCREEN_OUTLINE, canvas::fit);
        fit.setAccelerator(new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN));
        MenuItem actual = Icons.item("_100%", MaterialDesignI.IMAGE_SIZE_SELECT_ACTUAL, canvas::actualSize);
        actual.setAccelerator(new KeyCodeCombination(KeyCode.DIGIT1, KeyCombination.SHORTCUT_DOWN));
        CheckMenuItem crop = new CheckMenuItem("Show the model's _crop region");
        crop.selectedProperty().bindBidirectional(tools.showCropRegionProperty());
        CheckMenuItem live = new CheckMenuItem("_Live preview on the picture");
        live.selectedProperty().bindBidirectional(tools.livePreviewProperty());
        CheckMenuItem dark = new CheckMenuItem("_Dark theme");
        dark.setSelected(services.settings().get().darkTheme);
        dark.selectedProperty().addListener((o, a, b) -> {
            services.settings().get().darkTheme = b;
            applyTheme(b);
        });
        view.getItems().addAll(zoomIn, zoomOut, fit, actual, new SeparatorMenuItem(), crop, live, dark);

        Menu runMenu = new Menu("_Run");
        MenuItem repaint = Icons.item("_Repaint", org.kordamp.ikonli.materialdesign2.MaterialDesignP.PLAY, this::startRun);
        repaint.setAccelerator(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN));
        repaint.disableProperty().bind(run.runningProperty());
        MenuItem cancel = Icons.item("_Cancel", MaterialDesignS.STOP, run::cancel);
        cancel.disableProperty().bind(run.runningProperty().not());
        MenuItem addFolder = Icons.item("Add model _folder…", MaterialDesignF.FOLDER_PLUS, this::addModelFolder);
        MenuItem addFile = Icons.item("Add model ONNX _file…", MaterialDesignF.FILE_PLUS_OUTLINE, this::addModelFile);
        MenuItem models = Icons.item("_Models…", MaterialDesignD.DATABASE_COG_OUTLINE, this::openModels);
        models.setId("menu-models");
        models.setAccelerator(new KeyCodeCombination(KeyCode.M, KeyCombination.SHORTCUT_DOWN));
        runMenu.getItems().addAll(repaint, cancel, new SeparatorMenuItem(), models, addFolder, addFile);

        Menu help = new Menu("_Help");
        MenuItem keys = Icons.item("_Keyboard shortcuts", MaterialDesignK.KEYBOARD, () -> HelpDialogs.showShortcuts(stage));
        keys.setAccelerator(new KeyCodeCombination(KeyCode.F1));
        MenuItem about = Icons.item("_About RePaint Studio", MaterialDesignI.INFORMATION_OUTLINE,
                () -> HelpDialogs.showAbout(stage, version()));
        help.getItems().addAll(keys, about);

        MenuBar bar = new MenuBar(file, edit, mask, view, runMenu, help);
        bar.setId("menu-bar");
        return bar;
    }

    private void fillRecent(Menu recent) {
        recent.getItems().clear();
        for (Path p : vm.recentFiles()) {
            MenuItem m = new MenuItem(p.getFileName() + "  —  " + (p.getParent() == null ? "" : p.getParent()));
            m.setMnemonicParsing(false);
            m.setOnAction(e -> openRecent(p));
            recent.getItems().add(m);
        }
        if (recent.getItems().isEmpty()) {
            MenuItem none = new MenuItem("No recent pictures");
            none.setDisable(true);
            recent.getItems().add(none);
        } else {
            recent.getItems().addAll(new SeparatorMenuItem(), Icons.item("Clear list", null, vm::clearRecent));
        }
    }

    private void openRecent(Path p) {
        if (run.runningProperty().get()) {
            services.dialogs().showInfo("Run in progress", "Cancel the run or wait for it to finish first.");
            return;
        }
        vm.open(p, true);
    }

    private ToolBar toolBar() {
        Button open = Icons.decorate(new Button(), MaterialDesignF.FOLDER_OPEN, "Open a picture (Ctrl+O); "
                + "you can also drop one on the window.");
        open.setOnAction(e -> vm.openWithDialog());
        Button paste = Icons.decorate(new Button(), MaterialDesignC.CONTENT_PASTE, "Paste a picture (Ctrl+V).");
        paste.setOnAction(e -> paste());
        Button save = Icons.decorate(new Button(), MaterialDesignC.CONTENT_SAVE, "Save the picture (Ctrl+S).");
        save.setOnAction(e -> vm.saveImageAs());
        save.disableProperty().bind(document.imageProperty().isNull());
        Button undo = Icons.decorate(new Button(), MaterialDesignU.UNDO, "Undo (Ctrl+Z).");
        undo.setId("undo");
        undo.setOnAction(e -> document.undo());
        undo.disableProperty().bind(document.history().canUndoProperty().not());
        Button redo = Icons.decorate(new Button(), MaterialDesignR.REDO, "Redo (Ctrl+Shift+Z).");
        redo.setId("redo");
        redo.setOnAction(e -> document.redo());
        redo.disableProperty().bind(document.history().canRedoProperty().not());

        ToggleGroup toolGroup = new ToggleGroup();
        HBox toolButtons = new HBox(
                toolButton(Tool.BRUSH, MaterialDesignB.BRUSH, "Brush (B): paint what should be repainted.", toolGroup),
                toolButton(Tool.ERASER, MaterialDesignE.ERASER, "Eraser (E): take areas out of the mask.", toolGroup),
                toolButton(Tool.RECTANGLE, MaterialDesignV.VECTOR_SQUARE,
                        "Rectangle (R): drag a box to add; right-drag or Alt to remove.", toolGroup),
                toolButton(Tool.LASSO, MaterialDesignL.LASSO,
                        "Lasso (L): draw around an area to add it; right-drag or Alt to remove.", toolGroup));
        tools.toolProperty().addListener((o, a, t) -> toolGroup.getToggles().forEach(x -> x.setSelected(x.getUserData() == t)));
        toolGroup.selectedToggleProperty().addListener((o, a, t) -> {
            if (t == null && a != null) {
                a.setSelected(true);
            }
        });

        Slider size = new Slider(0, 1, 0);
        size.setId("brush-size");
        size.setPrefWidth(120);
        // Logarithmic: fine control for small brushes, still reaches huge ones.
        size.valueProperty().addListener((o, a, b) -> {
            double px = Math.round(Math.exp(b.doubleValue() * Math.log(ToolSettings.MAX_BRUSH)));
            if (Math.abs(px - tools.brushSizeProperty().get()) >= 1) {
                tools.brushSizeProperty().set(Math.max(ToolSettings.MIN_BRUSH, px));
            }
        });
        tools.brushSizeProperty().addListener((o, a, b) -> size.setValue(sliderFor(b.doubleValue())));
        size.setValue(sliderFor(tools.brushSizeProperty().get()));
        Icons.tooltip(size, "Brush size ([ and ] change it).");
        Label sizeLabel = new Label();
        sizeLabel.setMinWidth(52);
        sizeLabel.textProperty().bind(Bindings.createStringBinding(
                () -> String.format(Locale.ROOT, "%.0f px", tools.brushSizeProperty().get()), tools.brushSizeProperty()));
        Slider hardness = new Slider(0, 1, tools.hardnessProperty().get());
        hardness.setId("brush-hardness");
        hardness.setPrefWidth(80);
        hardness.valueProperty().bindBidirectional(tools.hardnessProperty());
        Icons.tooltip(hardness, "Brush hardness: soft edges fade out; pixels covered at least half are repainted.");
        Label sizeIcon = new Label(null, Icons.icon(MaterialDesignC.CIRCLE_SLICE_8));
        Label hardIcon = new Label(null, Icons.icon(MaterialDesignB.BLUR));
        Icons.tooltip(sizeIcon, "Brush size");
        Icons.tooltip(hardIcon, "Brush hardness");

        Button clear = Icons.decorate(new Button(), MaterialDesignE.ERASER_VARIANT, "Clear the mask (Ctrl+Delete).");
        clear.setId("clear-mask");
        clear.setOnAction(e -> document.clearMask());
        Button invert = Icons.decorate(new Button(), MaterialDesignI.INVERT_COLORS, "Invert the mask (Ctrl+I).");
        invert.setId("invert-mask");
        invert.setOnAction(e -> document.invertMask());
        Button fillAll = Icons.decorate(new Button(), MaterialDesignF.FORMAT_COLOR_FILL,
                "Fill the whole mask (Ctrl+Shift+A): generate a new picture.");
        fillAll.setId("fill-mask");
        fillAll.setOnAction(e -> document.fillAllMask());
        MenuButton presets = new MenuButton();
        presets.setId("mask-presets");
        Icons.decorate(presets, MaterialDesignS.SHAPE_OUTLINE,
                "Mask presets from the RePaint paper: one click, then edit with the brush.");
        for (MaskPresets p : MaskPresets.values()) {
            MenuItem m = new MenuItem(p.label());
            m.setId("preset-" + p.id());
            m.setOnAction(e -> applyPreset(p));
            presets.getItems().add(m);
        }
        for (var n : List.of(clear, invert, fillAll, presets)) {
            n.disableProperty().bind(document.imageProperty().isNull());
        }

        Button fit = Icons.decorate(new Button(), MaterialDesignF.FIT_TO_SCREEN_OUTLINE, "Fit the picture (Ctrl+0).");
        fit.setOnAction(e -> canvas.fit());
        Button actual = Icons.decorate(new Button(), MaterialDesignI.IMAGE_SIZE_SELECT_ACTUAL, "100% (Ctrl+1).");
        actual.setOnAction(e -> canvas.actualSize());
        ToggleButton crop = Icons.decorate(new ToggleButton(), MaterialDesignC.CROP_FREE,
                "Show the square region that goes to the model.");
        crop.selectedProperty().bindBidirectional(tools.showCropRegionProperty());
        ToggleButton theme = Icons.decorate(new ToggleButton(), MaterialDesignT.THEME_LIGHT_DARK, "Dark theme.");
        theme.setSelected(services.settings().get().darkTheme);
        theme.selectedProperty().addListener((o, a, b) -> {
            services.settings().get().darkTheme = b;
            applyTheme(b);
        });

        ToolBar bar = new ToolBar(open, paste, save, new Separator(), undo, redo, new Separator(), toolButtons,
                new Separator(), sizeIcon, size, sizeLabel, hardIcon, hardness, new Separator(), clear, invert,
                fillAll, presets, new Separator(), fit, actual, crop, theme);
        bar.setId("tool-bar");
        return bar;
    }

    private static double sliderFor(double px) {
        return Math.log(Math.max(1, px)) / Math.log(ToolSettings.MAX_BRUSH);
    }

    private ToggleButton toolButton(Tool tool, Ikon ikon, String tip, ToggleGroup group) {
        ToggleButton b = Icons.decorate(new ToggleButton(), ikon, tip);
        b.setId("tool-" + tool.name().toLowerCase(Locale.ROOT));
        b.setUserData(tool);
        b.setToggleGroup(group);
        b.setSelected(tools.toolProperty().get() == tool);
        b.setOnAction(e -> tools.toolProperty().set(tool));
        b.getStyleClass().add(tool == Tool.BRUSH ? Styles.LEFT_PILL : tool == Tool.LASSO ? Styles.RIGHT_PILL
                : Styles.CENTER_PILL);
        return b;
    }

    private void applyPreset(MaskPresets p) {
        document.applyPreset(p, run.seedProperty().get());
        vm.notice(p.label() + " applied; paint or erase to adjust it.");
    }

    // --- actions --------------------------------------------------------------------------------

    private void startRun() {
        vm.startRun();
    }

    /** Run ▸ Models…: the Models window, built on first use and kept (with any download) until the app closes. */
    public void openModels() {
        if (modelsDialog == null) {
            var registry = services.modelRegistry();
            if (registry.isEmpty()) {
                services.dialogs().showInfo("Models", "This window lists the engine's model registry, which is not in use here.");
                return;
            }
            modelsViewModel = new ModelsViewModel(registry.get(), services.hub(), services.io(), services.modelJobs(),
                    services.dialogs(), run::refreshModels);
            modelsDialog = new ModelsDialog(stage, modelsViewModel);
        }
        modelsDialog.show();
    }

    private void addModelFolder() {
        services.dialogs().openFolder("Add model: choose a model folder", null).ifPresent(run::addModel);
    }

    private void addModelFile() {
        services.dialogs().openFile("Add model: choose an .onnx file", null,
                List.of(org.repaintstudio.app.dialog.DialogService.FileType.of("ONNX model", "*.onnx")))
                .ifPresent(run::addModel);
    }

    private void paste() {
        Clipboard cb = Clipboard.getSystemClipboard();
        if (cb.hasFiles()) {
            vm.openFiles(cb.getFiles().stream().map(File::toPath).toList());
        } else if (cb.hasImage()) {
            Image img = cb.getImage();
            BufferedImage bi = SwingFXUtils.fromFXImage(img, null);
            if (bi != null) {
                vm.openPasted(bi);
            }
        } else {
            vm.notice("The clipboard holds no picture.");
        }
    }

    private void installKeys() {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            boolean typing = scene.getFocusOwner() instanceof TextInputControl;
            // Tab and Space belong to the canvas only while it has focus or the pointer; elsewhere
            // they keep moving focus and pressing buttons.
            boolean onCanvas = canvas.isFocused() || canvas.isHover() || scene.getFocusOwner() == null;
            if (e.getCode() == KeyCode.TAB && !e.isControlDown() && document.image() != null && !typing && onCanvas) {
                canvas.overlayHiddenProperty().set(true);
                e.consume();
                return;
            }
            if (typing || e.isControlDown() || e.isMetaDown() || e.isAltDown()) {
                return;
            }
            switch (e.getCode()) {
                case SPACE -> {
                    if (onCanvas) {
                        canvas.spaceDownProperty().set(true);
                        e.consume();
                    }
                }
                case OPEN_BRACKET -> {
                    tools.growBrush(false);
                    e.consume();
                }
                case CLOSE_BRACKET -> {
                    tools.growBrush(true);
                    e.consume();
                }
                case B -> tools.toolProperty().set(Tool.BRUSH);
                case E -> tools.toolProperty().set(Tool.ERASER);
                case R -> tools.toolProperty().set(Tool.RECTANGLE);
                case L -> tools.toolProperty().set(Tool.LASSO);
                case ESCAPE -> run.cancel();
                default -> { }
            }
        });
        scene.addEventFilter(KeyEvent.KEY_RELEASED, e -> {
            if (e.getCode() == KeyCode.TAB) {
                canvas.overlayHiddenProperty().set(false);
            } else if (e.getCode() == KeyCode.SPACE) {
                canvas.spaceDownProperty().set(false);
            }
        });
        // Ctrl+Y and Ctrl+Plus as second spellings of redo and zoom in.
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN), document::redo);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.PLUS, KeyCombination.SHORTCUT_DOWN),
                () -> canvas.zoomBy(1.25));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ADD, KeyCombination.SHORTCUT_DOWN),
                () -> canvas.zoomBy(1.25));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.SUBTRACT, KeyCombination.SHORTCUT_DOWN),
                () -> canvas.zoomBy(1 / 1.25));
        stage.focusedProperty().addListener((o, a, focused) -> {
            if (!focused) {
                canvas.overlayHiddenProperty().set(false);
                canvas.spaceDownProperty().set(false);
            }
        });
    }

    private void installDragAndDrop() {
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() || e.getDragboard().hasImage()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        scene.setOnDragDropped(this::dropped);
    }

    private void dropped(DragEvent e) {
        var db = e.getDragboard();
        boolean done = false;
        if (db.hasFiles()) {
            List<Path> files = db.getFiles().stream().map(File::toPath).toList();
            // After the drop completes, so a dialog does not block the drag source.
            javafx.application.Platform.runLater(() -> vm.openFiles(files));
            done = true;
        } else if (db.hasImage()) {
            BufferedImage bi = SwingFXUtils.fromFXImage(db.getImage(), null);
            javafx.application.Platform.runLater(() -> vm.openPasted(bi));
            done = true;
        }
        e.setDropCompleted(done);
        e.consume();
    }

    private void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        scene.getRoot().getStyleClass().removeAll("dark", "light");
        scene.getRoot().getStyleClass().add(dark ? "dark" : "light");
        runPanel.chart().setAxisColour(dark ? javafx.scene.paint.Color.gray(0.7) : javafx.scene.paint.Color.gray(0.4));
    }

    private void restoreGeometry(Settings s) {
        if (!Double.isNaN(s.windowX) && !Double.isNaN(s.windowY)
                && !Screen.getScreensForRectangle(s.windowX, s.windowY, 100, 100).isEmpty()) {
            stage.setX(s.windowX);
            stage.setY(s.windowY);
        }
        stage.setMaximized(s.maximized);
    }

    /** True if the window may close: unsaved work was handled and settings are stored. */
    public boolean closeRequested() {
        if (!vm.confirmDiscard()) {
            return false;
        }
        if (modelsViewModel != null && !modelsViewModel.confirmClose()) {
            return false;
        }
        Settings s = services.settings().get();
        s.maximized = stage.isMaximized();
        if (!stage.isMaximized()) {
            s.windowX = stage.getX();
            s.windowY = stage.getY();
            s.windowWidth = stage.getWidth();
            s.windowHeight = stage.getHeight();
        }
        s.brushSize = tools.brushSizeProperty().get();
        s.brushHardness = tools.hardnessProperty().get();
        s.showCropRegion = tools.showCropRegionProperty().get();
        s.livePreviewOnCanvas = tools.livePreviewProperty().get();
        autosaveTimer.stop();
        vm.closing();
        run.shutdown();
        return true;
    }

    /** Stops the window's timers; for tests that build several windows on one stage. */
    public void dispose() {
        autosaveTimer.stop();
        if (modelsViewModel != null) {
            modelsViewModel.cancel();
            modelsDialog.stage().close();
        }
        run.shutdown();
    }

    private static String version() {
        String v = MainWindow.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }

    // --- for tests ------------------------------------------------------------------------------

    public MainViewModel viewModel() {
        return vm;
    }

    public CanvasView canvas() {
        return canvas;
    }

    public ToolSettings tools() {
        return tools;
    }

    /** The Models window once it was opened, else null. */
    public ModelsDialog modelsDialog() {
        return modelsDialog;
    }

    public ModelsViewModel modelsViewModel() {
        return modelsViewModel;
    }

    public RunPanel runPanel() {
        return runPanel;
    }

    public Scene scene() {
        return scene;
    }

}
