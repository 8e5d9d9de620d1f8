package org.repaintstudio.app.main;

import java.nio.file.Path;
import java.util.List;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignK;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;

import org.repaintstudio.app.canvas.CanvasView;
import org.repaintstudio.app.document.DocumentViewModel;
import org.repaintstudio.app.util.Icons;
import org.repaintstudio.core.image.MaskConvention;
import org.repaintstudio.core.image.MaskPresets;

/** The main window's menu bar, one method per menu. */
final class MainMenus {
    private final MainWindow window;
    private final MainViewModel vm;
    private final DocumentViewModel document;
    private final CanvasView canvas;

    MainMenus(MainWindow window) {
        this.window = window;
        this.vm = window.viewModel();
        this.document = window.document();
        this.canvas = window.canvas();
    }

    MenuBar build() {
        MenuBar bar = new MenuBar(fileMenu(), editMenu(), imageMenu(), maskMenu(), viewMenu(), runMenu(), helpMenu());
        bar.setId("menu-bar");
        return bar;
    }

    private static MenuItem withKey(MenuItem item, KeyCode key, KeyCombination.Modifier... modifiers) {
        item.setAccelerator(new KeyCodeCombination(key, modifiers));
        return item;
    }

    private void needsPicture(List<MenuItem> items) {
        items.forEach(m -> m.disableProperty().bind(document.imageProperty().isNull()));
    }

    private Menu fileMenu() {
        MenuItem open = withKey(Icons.item("_Open…", MaterialDesignF.FOLDER_OPEN, vm::openWithDialog),
                KeyCode.O, KeyCombination.SHORTCUT_DOWN);
        Menu recent = new Menu("Open _Recent");
        recent.setId("recent-menu");
        recent.setOnShowing(e -> fillRecent(recent));
        fillRecent(recent);
        vm.recentFiles().addListener((ListChangeListener<Path>) c -> fillRecent(recent));
        MenuItem paste = withKey(Icons.item("_Paste picture", MaterialDesignC.CONTENT_PASTE, window::paste),
                KeyCode.V, KeyCombination.SHORTCUT_DOWN);
        MenuItem save = withKey(Icons.item("_Save picture as…", MaterialDesignC.CONTENT_SAVE, vm::saveImageAs),
                KeyCode.S, KeyCombination.SHORTCUT_DOWN);
        MenuItem saveMask = withKey(Icons.item("Save _mask as…", MaterialDesignC.CONTENT_SAVE_OUTLINE, vm::saveMaskAs),
                KeyCode.S, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
        MenuItem quit = withKey(Icons.item("_Quit", MaterialDesignE.EXIT_TO_APP, window::quit),
                KeyCode.Q, KeyCombination.SHORTCUT_DOWN);
        needsPicture(List.of(save, saveMask));
        Menu file = new Menu("_File");
        file.getItems().addAll(open, recent, paste, new SeparatorMenuItem(), save, saveMask, new SeparatorMenuItem(),
                quit);
        return file;
    }

    private void fillRecent(Menu recent) {
        recent.getItems().clear();
        for (Path p : vm.recentFiles()) {
            MenuItem m = new MenuItem(p.getFileName() + "  —  " + (p.getParent() == null ? "" : p.getParent()));
            m.setMnemonicParsing(false);
            m.setOnAction(e -> window.openRecent(p));
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

    private Menu editMenu() {
        MenuItem undo = withKey(Icons.item("_Undo", MaterialDesignU.UNDO, document::undo),
                KeyCode.Z, KeyCombination.SHORTCUT_DOWN);
        undo.disableProperty().bind(document.history().canUndoProperty().not());
        undo.textProperty().bind(Bindings.concat("_Undo ", document.history().undoLabelProperty()));
        MenuItem redo = withKey(Icons.item("_Redo", MaterialDesignR.REDO, document::redo),
                KeyCode.Z, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
        redo.disableProperty().bind(document.history().canRedoProperty().not());
        redo.textProperty().bind(Bindings.concat("_Redo ", document.history().redoLabelProperty()));
        Menu edit = new Menu("_Edit");
        edit.getItems().addAll(undo, redo);
        return edit;
    }

    private Menu imageMenu() {
        MenuItem extend = Icons.item("_Extend canvas…", MaterialDesignA.ARROW_EXPAND_ALL, window::extendCanvas);
        extend.setId("menu-extend-canvas");
        Menu image = new Menu("_Image");
        image.setId("image-menu");
        image.getItems().addAll(extend);
        needsPicture(image.getItems());
        return image;
    }

    private Menu maskMenu() {
        MenuItem clear = withKey(Icons.item("_Clear", MaterialDesignE.ERASER_VARIANT, document::clearMask),
                KeyCode.DELETE, KeyCombination.SHORTCUT_DOWN);
        MenuItem invert = withKey(Icons.item("_Invert", MaterialDesignI.INVERT_COLORS, document::invertMask),
                KeyCode.I, KeyCombination.SHORTCUT_DOWN);
        MenuItem fillAll = withKey(Icons.item("_Fill all", MaterialDesignF.FORMAT_COLOR_FILL, document::fillAllMask),
                KeyCode.A, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
        Menu mask = new Menu("_Mask");
        mask.setId("mask-menu");
        mask.getItems().addAll(clear, invert, fillAll, presetMenu());
        mask.getItems().addAll(window.maskCommandItems());
        mask.getItems().addAll(new SeparatorMenuItem(), loadMaskItem(), importMaskMenu(),
                Icons.item("_Save mask as…", MaterialDesignC.CONTENT_SAVE_OUTLINE, vm::saveMaskAs));
        needsPicture(mask.getItems());
        return mask;
    }

    private Menu presetMenu() {
        Menu presets = new Menu("_Presets (RePaint paper)");
        presets.setGraphic(Icons.icon(MaterialDesignS.SHAPE_OUTLINE));
        for (MaskPresets p : MaskPresets.values()) {
            MenuItem m = new MenuItem(p.label());
            m.setId("menu-preset-" + p.id());
            m.setOnAction(e -> window.applyPreset(p));
            presets.getItems().add(m);
        }
        return presets;
    }

    private MenuItem loadMaskItem() {
        return Icons.item("_Load mask (white = fill)…", MaterialDesignF.FOLDER_OPEN_OUTLINE,
                () -> vm.loadMaskWithDialog(MaskConvention.WHITE_FILL));
    }

    private Menu importMaskMenu() {
        Menu importMask = new Menu("_Import mask from another convention");
        importMask.setGraphic(Icons.icon(MaterialDesignF.FILE_IMPORT_OUTLINE));
        importMask.getItems().addAll(
                Icons.item("White = keep (diffusers)…", null, () -> vm.loadMaskWithDialog(MaskConvention.WHITE_KEEP)),
                Icons.item("255 = known (original RePaint)…", null, () -> vm.loadMaskWithDialog(MaskConvention.KNOWN_255)));
        return importMask;
    }

    private Menu viewMenu() {
        MenuItem zoomIn = withKey(Icons.item("Zoom _in", MaterialDesignM.MAGNIFY_PLUS, canvas::zoomIn),
                KeyCode.EQUALS, KeyCombination.SHORTCUT_DOWN);
        MenuItem zoomOut = withKey(Icons.item("Zoom _out", MaterialDesignM.MAGNIFY_MINUS, canvas::zoomOut),
                KeyCode.MINUS, KeyCombination.SHORTCUT_DOWN);
        MenuItem fit = withKey(Icons.item("_Fit", MaterialDesignF.FIT_TO_SCREEN_OUTLINE, canvas::fit),
                KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN);
        MenuItem actual = withKey(Icons.item("_100%", MaterialDesignI.IMAGE_SIZE_SELECT_ACTUAL, canvas::actualSize),
                KeyCode.DIGIT1, KeyCombination.SHORTCUT_DOWN);
        CheckMenuItem crop = new CheckMenuItem("Show the model's _crop region");
        crop.selectedProperty().bindBidirectional(window.tools().showCropRegionProperty());
        CheckMenuItem live = new CheckMenuItem("_Live preview on the picture");
        live.selectedProperty().bindBidirectional(window.tools().livePreviewProperty());
        CheckMenuItem dark = new CheckMenuItem("_Dark theme");
        dark.selectedProperty().bindBidirectional(window.darkThemeProperty());
        Menu view = new Menu("_View");
        view.getItems().addAll(zoomIn, zoomOut, fit, actual, new SeparatorMenuItem(), crop, live, dark);
        return view;
    }

    private Menu runMenu() {
        MenuItem repaint = withKey(Icons.item("_Repaint", MaterialDesignP.PLAY, vm::startRun),
                KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);
        repaint.disableProperty().bind(window.run().runningProperty());
        MenuItem cancel = Icons.item("_Cancel", MaterialDesignS.STOP, window.run()::cancel);
        cancel.disableProperty().bind(window.run().runningProperty().not());
        MenuItem addFolder = Icons.item("Add model _folder…", MaterialDesignF.FOLDER_PLUS, window::addModelFolder);
        MenuItem addFile = Icons.item("Add model ONNX _file…", MaterialDesignF.FILE_PLUS_OUTLINE, window::addModelFile);
        MenuItem models = withKey(Icons.item("_Models…", MaterialDesignD.DATABASE_COG_OUTLINE, window::openModels),
                KeyCode.M, KeyCombination.SHORTCUT_DOWN);
        models.setId("menu-models");
        Menu runMenu = new Menu("_Run");
        runMenu.getItems().addAll(repaint, cancel, new SeparatorMenuItem(), models, addFolder, addFile);
        return runMenu;
    }

    private Menu helpMenu() {
        MenuItem keys = withKey(Icons.item("_Keyboard shortcuts", MaterialDesignK.KEYBOARD,
                () -> HelpDialogs.showShortcuts(window.stage())), KeyCode.F1);
        MenuItem about = Icons.item("_About RePaint Studio", MaterialDesignI.INFORMATION_OUTLINE,
                () -> HelpDialogs.showAbout(window.stage(), MainWindow.version()));
        Menu help = new Menu("_Help");
        help.getItems().addAll(keys, about);
        return help;
    }
}
