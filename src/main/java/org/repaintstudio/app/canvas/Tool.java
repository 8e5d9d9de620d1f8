package org.repaintstudio.app.canvas;

/** What a drag on the canvas does. */
public enum Tool {
    BRUSH("Brush", "B"),
    ERASER("Eraser", "E"),
    RECTANGLE("Rectangle", "R"),
    LASSO("Lasso", "L");

    private final String label;
    private final String key;

    Tool(String label, String key) {
        this.label = label;
        this.key = key;
    }

    public String label() {
        return label;
    }

    public String key() {
        return key;
    }
}
