package org.repaintstudio.app.canvas;

/** What a drag or click on the canvas does. */
public enum Tool {
    BRUSH("Brush", "B"),
    ERASER("Eraser", "E"),
    RECTANGLE("Rectangle", "R"),
    LASSO("Lasso", "L"),
    /** Select similar colour: a click adds (or removes) the connected area of similar colour. */
    WAND("Select similar colour", "W");

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
