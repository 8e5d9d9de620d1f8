package org.repaintstudio.app.main;

import java.util.List;

import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import atlantafx.base.theme.Styles;

/** Help ▸ Keyboard shortcuts and Help ▸ About. */
public final class HelpDialogs {
    /** Key and what it does, in the order the dialog lists them. */
    public static final List<String[]> SHORTCUTS = List.of(
            new String[] {"Ctrl+O", "Open a picture"},
            new String[] {"Ctrl+V", "Paste a picture from the clipboard"},
            new String[] {"Ctrl+S", "Save the picture"},
            new String[] {"Ctrl+Shift+S", "Save the mask (white = fill)"},
            new String[] {"Ctrl+Z / Ctrl+Shift+Z", "Undo / redo (also Ctrl+Y)"},
            new String[] {"B / E / R / L", "Brush / eraser / rectangle / lasso"},
            new String[] {"[ and ]", "Smaller / larger brush"},
            new String[] {"Right button or Alt+drag", "Erase with any tool"},
            new String[] {"Mouse wheel", "Zoom at the pointer"},
            new String[] {"Ctrl+= / Ctrl+-", "Zoom in / out"},
            new String[] {"Ctrl+0 / Ctrl+1", "Fit the picture / 100%"},
            new String[] {"Space+drag, middle drag", "Pan"},
            new String[] {"Hold Tab", "Show the original without overlay"},
            new String[] {"Ctrl+I", "Invert the mask"},
            new String[] {"Ctrl+Shift+A", "Fill the whole mask"},
            new String[] {"Ctrl+Delete", "Clear the mask"},
            new String[] {"Ctrl+Enter", "Repaint"},
            new String[] {"Ctrl+M", "Models: list, import, download, convert, delete"},
            new String[] {"Esc", "Cancel the run"},
            new String[] {"F1", "This list"});

    private HelpDialogs() {}

    public static void showShortcuts(Window owner) {
        GridPane grid = new GridPane();
        grid.setHgap(24);
        grid.setVgap(6);
        grid.setPadding(new Insets(8));
        int row = 0;
        for (String[] s : SHORTCUTS) {
            Label key = new Label(s[0]);
            key.getStyleClass().add(Styles.TEXT_BOLD);
            grid.addRow(row++, key, new Label(s[1]));
        }
        Dialog<Void> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Keyboard shortcuts");
        d.getDialogPane().setContent(new ScrollPane(grid));
        d.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        d.getDialogPane().setId("shortcuts-dialog");
        d.showAndWait();
    }

    public static void showAbout(Window owner, String version) {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(owner);
        a.setTitle("About RePaint Studio");
        a.setHeaderText("RePaint Studio " + version);
        Label text = new Label("""
                Paint over what should go and watch a diffusion model repaint it.

                RePaint: Lugmayr, Danelljan, Romero, Yu, Timofte and Van Gool, \
                "RePaint: Inpainting using Denoising Diffusion Probabilistic Models", CVPR 2022.

                The bundled emoji model is trained on Noto Color Emoji (Apache License 2.0, Google) \
                and on Twemoji graphics (CC-BY 4.0, Twitter/X and contributors).

                Built with OpenJFX, AtlantaFX, Ikonli, ControlsFX and ONNX Runtime.""");
        text.setWrapText(true);
        text.setMaxWidth(460);
        VBox box = new VBox(text);
        box.setId("about-text");
        a.getDialogPane().setContent(box);
        a.showAndWait();
    }
}
