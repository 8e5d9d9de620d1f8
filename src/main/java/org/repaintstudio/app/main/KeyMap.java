package org.repaintstudio.app.main;

import java.util.Map;

import javafx.scene.Scene;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

import org.repaintstudio.app.canvas.CanvasView;
import org.repaintstudio.app.canvas.Tool;
import org.repaintstudio.app.canvas.ToolSettings;

/** The main window's single-key shortcuts (tools, brush size, Tab, Space, Esc) and extra accelerators. */
final class KeyMap {
    private static final Map<KeyCode, Tool> TOOL_KEYS = Map.of(KeyCode.B, Tool.BRUSH, KeyCode.E, Tool.ERASER,
            KeyCode.R, Tool.RECTANGLE, KeyCode.L, Tool.LASSO, KeyCode.W, Tool.WAND);

    private final MainWindow window;
    private final Scene scene;
    private final CanvasView canvas;
    private final ToolSettings tools;

    KeyMap(MainWindow window) {
        this.window = window;
        this.scene = window.scene();
        this.canvas = window.canvas();
        this.tools = window.tools();
    }

    void install() {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::pressed);
        scene.addEventFilter(KeyEvent.KEY_RELEASED, this::released);
        installSecondSpellings();
        window.stage().focusedProperty().addListener((o, a, focused) -> {
            if (!focused) {
                canvas.overlayHiddenProperty().set(false);
                canvas.spaceDownProperty().set(false);
            }
        });
    }

    /** Tab and Space belong to the canvas only while it has focus or the pointer; elsewhere they move focus. */
    private boolean onCanvas() {
        return canvas.isFocused() || canvas.isHover() || scene.getFocusOwner() == null;
    }

    private void pressed(KeyEvent e) {
        boolean typing = scene.getFocusOwner() instanceof TextInputControl;
        if (e.getCode() == KeyCode.TAB && !e.isControlDown() && window.document().image() != null && !typing
                && onCanvas()) {
            // Held Tab shows the picture as opened, without mask, previews or results.
            canvas.overlayHiddenProperty().set(true);
            e.consume();
            return;
        }
        if (typing || e.isControlDown() || e.isMetaDown() || e.isAltDown()) {
            return;
        }
        if (handleSingleKey(e.getCode())) {
            e.consume();
        }
    }

    private boolean handleSingleKey(KeyCode code) {
        Tool tool = TOOL_KEYS.get(code);
        if (tool != null) {
            tools.toolProperty().set(tool);
            return false;
        }
        switch (code) {
            case SPACE -> {
                if (!onCanvas()) {
                    return false;
                }
                canvas.spaceDownProperty().set(true);
            }
            case OPEN_BRACKET -> tools.growBrush(false);
            case CLOSE_BRACKET -> tools.growBrush(true);
            case X -> tools.subtractProperty().set(!tools.subtractProperty().get());
            case ESCAPE -> {
                window.run().cancel();
                return false;
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void released(KeyEvent e) {
        if (e.getCode() == KeyCode.TAB) {
            canvas.overlayHiddenProperty().set(false);
        } else if (e.getCode() == KeyCode.SPACE) {
            canvas.spaceDownProperty().set(false);
        }
    }

    /** Ctrl+Y and Ctrl+Plus as second spellings of redo and zoom in. */
    private void installSecondSpellings() {
        var accelerators = scene.getAccelerators();
        accelerators.put(new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN), window.document()::redo);
        accelerators.put(new KeyCodeCombination(KeyCode.PLUS, KeyCombination.SHORTCUT_DOWN), canvas::zoomIn);
        accelerators.put(new KeyCodeCombination(KeyCode.ADD, KeyCombination.SHORTCUT_DOWN), canvas::zoomIn);
        accelerators.put(new KeyCodeCombination(KeyCode.SUBTRACT, KeyCombination.SHORTCUT_DOWN), canvas::zoomOut);
    }
}
