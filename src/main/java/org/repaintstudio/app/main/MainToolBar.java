package org.repaintstudio.app.main;

import java.util.List;
import java.util.Locale;

import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.HBox;

import atlantafx.base.theme.Styles;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;
import org.kordamp.ikonli.materialdesign2.MaterialDesignV;

import org.repaintstudio.app.canvas.Tool;
import org.repaintstudio.app.canvas.ToolSettings;
import org.repaintstudio.app.document.DocumentViewModel;
import org.repaintstudio.app.util.Icons;
import org.repaintstudio.core.image.MaskPresets;

/** The main window's tool bar, one method per group of buttons. */
final class MainToolBar {
    private final MainWindow window;
    private final DocumentViewModel document;
    private final ToolSettings tools;

    MainToolBar(MainWindow window) {
        this.window = window;
        this.document = window.document();
        this.tools = window.tools();
    }

    ToolBar build() {
        ToolBar bar = new ToolBar();
        bar.getItems().addAll(fileButtons());
        bar.getItems().add(new Separator());
        bar.getItems().addAll(historyButtons());
        bar.getItems().addAll(new Separator(), toolButtons(), subtractToggle(), new Separator());
        bar.getItems().addAll(brushControls());
        bar.getItems().addAll(wandControls());
        bar.getItems().add(new Separator());
        bar.getItems().addAll(maskButtons());
        bar.getItems().add(new Separator());
        bar.getItems().addAll(viewButtons());
        bar.setId("tool-bar");
        return bar;
    }

    private static <B extends ButtonBase> B button(B b, Ikon icon, String tip, Runnable action) {
        Icons.decorate(b, icon, tip);
        if (action != null) {
            b.setOnAction(e -> action.run());
        }
        return b;
    }

    private void needsPicture(List<? extends Node> nodes) {
        nodes.forEach(n -> n.disableProperty().bind(document.imageProperty().isNull()));
    }

    private List<Node> fileButtons() {
        Button open = button(new Button(), MaterialDesignF.FOLDER_OPEN, "Open a picture (Ctrl+O); "
                + "you can also drop one on the window.", window.viewModel()::openWithDialog);
        Button paste = button(new Button(), MaterialDesignC.CONTENT_PASTE, "Paste a picture (Ctrl+V).", window::paste);
        Button save = button(new Button(), MaterialDesignC.CONTENT_SAVE, "Save the picture (Ctrl+S).",
                window.viewModel()::saveImageAs);
        needsPicture(List.of(save));
        return List.of(open, paste, save);
    }

    private List<Node> historyButtons() {
        Button undo = button(new Button(), MaterialDesignU.UNDO, "Undo (Ctrl+Z).", document::undo);
        undo.setId("undo");
        undo.disableProperty().bind(document.history().canUndoProperty().not());
        Button redo = button(new Button(), MaterialDesignR.REDO, "Redo (Ctrl+Shift+Z).", document::redo);
        redo.setId("redo");
        redo.disableProperty().bind(document.history().canRedoProperty().not());
        return List.of(undo, redo);
    }

    private HBox toolButtons() {
        ToggleGroup group = new ToggleGroup();
        HBox box = new HBox(
                toolButton(Tool.BRUSH, MaterialDesignB.BRUSH, "Brush (B): paint what should be repainted.", group),
                toolButton(Tool.ERASER, MaterialDesignE.ERASER, "Eraser (E): take areas out of the mask.", group),
                toolButton(Tool.RECTANGLE, MaterialDesignV.VECTOR_SQUARE,
                        "Rectangle (R): drag a box to add; right-drag or Alt to remove.", group),
                toolButton(Tool.LASSO, MaterialDesignL.LASSO,
                        "Lasso (L): draw around an area to add it; right-drag or Alt to remove.", group),
                toolButton(Tool.WAND, MaterialDesignA.AUTO_FIX,
                        "Select similar colour (W): click a colour to add the connected area of similar colour; "
                                + "Alt-click or right-click removes it.", group));
        tools.toolProperty().addListener((o, a, t) -> group.getToggles().forEach(x -> x.setSelected(x.getUserData() == t)));
        group.selectedToggleProperty().addListener((o, a, t) -> {
            if (t == null && a != null) {
                a.setSelected(true);
            }
        });
        return box;
    }

    private ToggleButton toolButton(Tool tool, Ikon ikon, String tip, ToggleGroup group) {
        ToggleButton b = Icons.decorate(new ToggleButton(), ikon, tip);
        b.setId("tool-" + tool.name().toLowerCase(Locale.ROOT));
        b.setUserData(tool);
        b.setToggleGroup(group);
        b.setSelected(tools.toolProperty().get() == tool);
        b.setOnAction(e -> tools.toolProperty().set(tool));
        Tool[] all = Tool.values();
        b.getStyleClass().add(tool == all[0] ? Styles.LEFT_PILL : tool == all[all.length - 1] ? Styles.RIGHT_PILL
                : Styles.CENTER_PILL);
        return b;
    }

    /** Add / subtract for every tool; holding Alt (or the right button) flips it for one action. */
    private ToggleButton subtractToggle() {
        ToggleButton subtract = new ToggleButton();
        subtract.setId("subtract-mode");
        subtract.selectedProperty().bindBidirectional(tools.subtractProperty());
        subtract.graphicProperty().bind(Bindings.createObjectBinding(() -> Icons.icon(subtract.isSelected()
                ? MaterialDesignM.MINUS_CIRCLE_OUTLINE : MaterialDesignC.CIRCLE_EDIT_OUTLINE), subtract.selectedProperty()));
        Icons.tooltip(subtract, "Subtract from the mask (X) instead of adding to it, for every tool. "
                + "Hold Alt to subtract for one stroke, click or box.");
        return subtract;
    }

    private List<Node> brushControls() {
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
        Icons.tooltip(hardness, "Brush hardness: soft edges fade out, and the engine blends them in as soft edges.");
        Label sizeIcon = iconLabel(MaterialDesignC.CIRCLE_SLICE_8, "Brush size");
        Label hardIcon = iconLabel(MaterialDesignB.BLUR, "Brush hardness");
        List<Node> nodes = List.of(sizeIcon, size, sizeLabel, hardIcon, hardness);
        nodes.forEach(n -> showOnlyFor(n, Tool.BRUSH, Tool.ERASER, Tool.RECTANGLE, Tool.LASSO));
        return nodes;
    }

    private List<Node> wandControls() {
        Slider tolerance = new Slider(0, 100, tools.toleranceProperty().get());
        tolerance.setId("wand-tolerance");
        tolerance.setPrefWidth(110);
        tolerance.valueProperty().bindBidirectional(tools.toleranceProperty());
        Icons.tooltip(tolerance, "Tolerance: how different a colour may be from the clicked one "
                + "(0 = the same colour only, 100 = everything).");
        Label value = new Label();
        value.setMinWidth(40);
        value.textProperty().bind(Bindings.createStringBinding(
                () -> String.format(Locale.ROOT, "%.0f", tools.toleranceProperty().get()), tools.toleranceProperty()));
        Label icon = iconLabel(MaterialDesignT.TUNE_VARIANT, "Colour tolerance");
        List<Node> nodes = List.of(icon, tolerance, value);
        nodes.forEach(n -> showOnlyFor(n, Tool.WAND));
        return nodes;
    }

    private void showOnlyFor(Node n, Tool... forTools) {
        n.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> List.of(forTools).contains(tools.toolProperty().get()), tools.toolProperty()));
        n.managedProperty().bind(n.visibleProperty());
    }

    private static Label iconLabel(Ikon ikon, String tip) {
        Label l = new Label(null, Icons.icon(ikon));
        Icons.tooltip(l, tip);
        return l;
    }

    private static double sliderFor(double px) {
        return Math.log(Math.max(1, px)) / Math.log(ToolSettings.MAX_BRUSH);
    }

    private List<Control> maskButtons() {
        Button clear = button(new Button(), MaterialDesignE.ERASER_VARIANT, "Clear the mask (Ctrl+Delete).",
                document::clearMask);
        clear.setId("clear-mask");
        Button invert = button(new Button(), MaterialDesignI.INVERT_COLORS, "Invert the mask (Ctrl+I).",
                document::invertMask);
        invert.setId("invert-mask");
        Button fillAll = button(new Button(), MaterialDesignF.FORMAT_COLOR_FILL,
                "Fill the whole mask (Ctrl+Shift+A): generate a new picture.", document::fillAllMask);
        fillAll.setId("fill-mask");
        MenuButton presets = button(new MenuButton(), MaterialDesignS.SHAPE_OUTLINE,
                "Mask presets from the RePaint paper, added to the mask: one click, then edit with the brush.", null);
        presets.setId("mask-presets");
        for (MaskPresets p : MaskPresets.values()) {
            MenuItem m = new MenuItem(p.label());
            m.setId("preset-" + p.id());
            m.setOnAction(e -> window.applyPreset(p));
            presets.getItems().add(m);
        }
        List<Control> nodes = List.of(clear, invert, fillAll, presets);
        needsPicture(nodes);
        return nodes;
    }

    private List<Node> viewButtons() {
        Button fit = button(new Button(), MaterialDesignF.FIT_TO_SCREEN_OUTLINE, "Fit the picture (Ctrl+0).",
                window.canvas()::fit);
        Button actual = button(new Button(), MaterialDesignI.IMAGE_SIZE_SELECT_ACTUAL,
                "100% around the pointer or the painted area (Ctrl+1).", window.canvas()::actualSize);
        ToggleButton crop = button(new ToggleButton(), MaterialDesignC.CROP_FREE,
                "Show the square region that goes to the model.", null);
        crop.selectedProperty().bindBidirectional(tools.showCropRegionProperty());
        ToggleButton theme = button(new ToggleButton(), MaterialDesignT.THEME_LIGHT_DARK, "Dark theme.", null);
        theme.selectedProperty().bindBidirectional(window.darkThemeProperty());
        return List.of(fit, actual, crop, theme);
    }
}
