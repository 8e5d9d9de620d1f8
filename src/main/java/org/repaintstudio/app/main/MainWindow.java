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
import org.repaintstudio.app.model.ModelConversion;
import org.repaintstudio.app.model.ModelsDialog;
import org.repaintstudio.app.model.ModelsViewModel;
import org.repaintstudio.app.prefs.Settings;
import org.repaintstudio.app.results.ResultsPanel;
import org.repaintstudio.app.run.RunPanel;
import org.repaintstudio.app.run.RunViewModel;
import org.repaintstudio.app.masktools.MaskCommand;
import org.repaintstudio.app.masktools.MaskCommands;
import org.repaintstudio.app.masktools.MaskPreviewer;
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
    private final ModelConversion conversion;
    private ModelsDialog modelsDialog;
    private final javafx.beans.property.BooleanProperty darkTheme = new javafx.beans.property.SimpleBooleanProperty();

    public MainWindow(Stage stage, AppServices services) {
        this.stage = stage;
        this.services = services;
        Settings settings = services.settings().get();
        document = new DocumentViewModel();
        // A model picked for the first time may need converting: with progress and Cancel, as in the Models window.
        conversion = new ModelConversion(services.inference());
        run = new RunViewModel(services.catalog(), services.inference(), services.dialogs(), settings,
                services.settings()::save, conversion.converting(services.modelOpener()));
        vm = new MainViewModel(document, run, services.settings(), services.dialogs(), services.io(),
                services.autosave());
        tools.brushSizeProperty().set(settings.brushSize);
        tools.hardnessProperty().set(settings.brushHardness);
        tools.showCropRegionProperty().set(settings.showCropRegion);
        tools.livePreviewProperty().set(settings.livePreviewOnCanvas);

        canvas = new CanvasView(document, tools);
        canvas.cropPlanProperty().bind(vm.cropPlanProperty());
        run.selectedResultProperty().addListener((o, a, r) -> {
            canvas.comparedBeforeProperty().set(r == null ? null : r.input());
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
        root.setTop(new VBox(new MainMenus(this).build(), new MainToolBar(this).build()));
        root.setCenter(split);
        root.setBottom(new StatusBar(vm, canvas, conversion));
        root.setId("main-root");

        scene = new Scene(root, settings.windowWidth, settings.windowHeight);
        scene.getStylesheets().add(MainWindow.class.getResource("/org/repaintstudio/app/app.css").toExternalForm());
        darkTheme.set(settings.darkTheme);
        applyTheme(settings.darkTheme);
        darkTheme.addListener((o, a, dark) -> {
            services.settings().get().darkTheme = dark;
            applyTheme(dark);
        });
        new KeyMap(this).install();
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
        javafx.application.Platform.runLater(() -> vm.offerRecovery(files));
    }

    void openRecent(Path p) {
        if (run.runningProperty().get()) {
            services.dialogs().showInfo("Run in progress", "Cancel the run or wait for it to finish first.");
            return;
        }
        vm.open(p, true);
    }

    void applyPreset(MaskPresets p) {
        vm.applyPreset(p);
    }

    /** The Mask menu's commands, from their registration. */
    List<MenuItem> maskCommandItems() {
        List<MenuItem> items = new java.util.ArrayList<>();
        items.add(new SeparatorMenuItem());
        for (MaskCommand c : MaskCommands.ALL) {
            MenuItem m = new MenuItem(c.label());
            m.setId("mask-command-" + c.id());
            m.setOnAction(e -> runMaskCommand(c));
            items.add(m);
        }
        return items;
    }

    /** Runs a mask command: with an amount, a slider previews it live; one undoable step. */
    public void runMaskCommand(MaskCommand command) {
        if (document.mask() == null) {
            return;
        }
        java.util.function.IntFunction<byte[]> result;
        try {
            result = command.prepare(document);
        } catch (org.repaintstudio.core.UserFacingException e) {
            services.dialogs().showInfo(command.label().replace("_", "").replace("…", ""), e.getMessage());
            return;
        }
        MaskCommand.Amount amount = command.amount();
        if (amount == null) {
            document.replaceMaskValues(result.apply(0), command.undoLabel(0));
            return;
        }
        // The preview shows on the mask, so a result shown in place steps aside.
        run.selectedResultProperty().set(null);
        // The slider's preview is computed off the UI thread (latest amount only), so the slider
        // keeps the frame rate on a 12-megapixel picture.
        try (MaskPreviewer previewer = new MaskPreviewer(result, document::previewMask,
                javafx.application.Platform::runLater)) {
            var answer = services.dialogs().askAmount(command.label().replace("_", "").replace("…", ""),
                    amount.question(), amount.min(), amount.max(), amount.initial(), previewer::request);
            if (answer.isPresent()) {
                document.replaceMaskValues(previewer.maskFor(answer.getAsInt()), command.undoLabel(answer.getAsInt()));
            } else {
                document.cancelMaskPreview();
            }
        }
    }

    /** Image ▸ Extend canvas…: outpainting; the new border becomes the mask. */
    public void extendCanvas() {
        if (document.image() == null || run.runningProperty().get()) {
            return;
        }
        services.dialogs().askMargins("Extend canvas", 128).ifPresent(m -> {
            if (m.isEmpty()) {
                return;
            }
            document.extendCanvas(m);
            canvas.fit();
            vm.notice("Canvas extended to " + document.sizeText() + "; the new area is the mask. Repaint fills it.");
        });
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

    void addModelFolder() {
        services.dialogs().openFolder("Add model: choose a model folder", null).ifPresent(run::addModel);
    }

    void addModelFile() {
        services.dialogs().openFile("Add model: choose an .onnx file", null,
                List.of(org.repaintstudio.app.dialog.DialogService.FileType.of("ONNX model", "*.onnx")))
                .ifPresent(run::addModel);
    }

    void paste() {
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

    static String version() {
        String v = MainWindow.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }

    /** File ▸ Quit: closes the window once unsaved work was handled. */
    void quit() {
        if (closeRequested()) {
            stage.close();
        }
    }

    javafx.beans.property.BooleanProperty darkThemeProperty() {
        return darkTheme;
    }

    DocumentViewModel document() {
        return document;
    }

    RunViewModel run() {
        return run;
    }

    AppServices services() {
        return services;
    }

    Stage stage() {
        return stage;
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
