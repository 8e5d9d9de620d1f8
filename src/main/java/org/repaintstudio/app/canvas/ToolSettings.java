package org.repaintstudio.app.canvas;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;

/** The canvas tool state shared by the toolbar, the canvas and the settings. */
public final class ToolSettings {
    public static final double MIN_BRUSH = 1;
    public static final double MAX_BRUSH = 1000;

    private final ObjectProperty<Tool> tool = new SimpleObjectProperty<>(Tool.BRUSH);
    /** Brush diameter in image pixels. */
    private final DoubleProperty brushSize = new SimpleDoubleProperty(40);
    private final DoubleProperty hardness = new SimpleDoubleProperty(0.8);
    private final BooleanProperty showCropRegion = new SimpleBooleanProperty(true);
    private final BooleanProperty livePreview = new SimpleBooleanProperty(true);
    /** Every tool takes away from the mask instead of adding to it (Alt flips it for one action). */
    private final BooleanProperty subtract = new SimpleBooleanProperty(false);
    /** Select similar colour: 0 = the same colour only, 100 = everything. */
    private final DoubleProperty tolerance = new SimpleDoubleProperty(12);

    public BooleanProperty subtractProperty() {
        return subtract;
    }

    public DoubleProperty toleranceProperty() {
        return tolerance;
    }

    /** Whether an action subtracts: the toggle, flipped while Alt or the right button is held. */
    public boolean subtracts(Tool tool, boolean flipped) {
        return tool == Tool.ERASER || (subtract.get() != flipped);
    }

    public ObjectProperty<Tool> toolProperty() {
        return tool;
    }

    public DoubleProperty brushSizeProperty() {
        return brushSize;
    }

    public DoubleProperty hardnessProperty() {
        return hardness;
    }

    public BooleanProperty showCropRegionProperty() {
        return showCropRegion;
    }

    public BooleanProperty livePreviewProperty() {
        return livePreview;
    }

    /** {@code [} and {@code ]}: about 15% per press, so both small and huge brushes are quick to reach. */
    public void growBrush(boolean larger) {
        double s = brushSize.get();
        double next = larger ? Math.max(s + 1, s * 1.15) : Math.min(s - 1, s / 1.15);
        brushSize.set(Math.max(MIN_BRUSH, Math.min(MAX_BRUSH, Math.round(next))));
    }
}
