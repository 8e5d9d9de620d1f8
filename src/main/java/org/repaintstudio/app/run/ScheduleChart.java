package org.repaintstudio.app.run;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import org.repaintstudio.core.schedule.StepKind;
import org.repaintstudio.core.schedule.TimestepSchedule;

/**
 * The timestep schedule, t against iteration: denoising segments in blue, RePaint's "undo" jumps
 * back up in orange. The whole curve is drawn once; only the cursor moves during a run.
 */
public final class ScheduleChart extends Region {
    public static final Color DENOISE = Color.web("#2f81f7");
    public static final Color UNDO = Color.web("#f0883e");
    private static final double LEFT = 34;
    private static final double RIGHT = 8;
    private static final double TOP = 18;
    private static final double BOTTOM = 18;

    private final Canvas canvas = new Canvas();
    private final Line cursor = new Line();
    private final Circle cursorDot = new Circle(4);
    private final ObjectProperty<TimestepSchedule> schedule = new SimpleObjectProperty<>();
    private final IntegerProperty cursorEntry = new SimpleIntegerProperty(-1);
    private Color axisColour = Color.gray(0.5);

    public ScheduleChart() {
        getStyleClass().add("schedule-chart");
        setId("schedule-chart");
        setMinHeight(110);
        setPrefHeight(140);
        cursor.setStroke(Color.web("#e5534b"));
        cursor.setStrokeWidth(1.5);
        cursorDot.setFill(Color.web("#e5534b"));
        cursor.setManaged(false);
        cursorDot.setManaged(false);
        getChildren().addAll(canvas, cursor, cursorDot);
        schedule.addListener((o, a, b) -> redraw());
        cursorEntry.addListener((o, a, b) -> moveCursor());
        widthProperty().addListener((o, a, b) -> redraw());
        heightProperty().addListener((o, a, b) -> redraw());
        moveCursor();
    }

    public void setAxisColour(Color c) {
        axisColour = c;
        redraw();
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
    }

    private double x(int entry, int size) {
        double w = getWidth() - LEFT - RIGHT;
        return LEFT + (size <= 1 ? 0 : entry * w / (size - 1));
    }

    private double y(int value, int max) {
        double h = getHeight() - TOP - BOTTOM;
        return TOP + h - (max <= 0 ? 0 : value * h / max);
    }

    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = getWidth();
        double h = getHeight();
        g.clearRect(0, 0, w, h);
        if (w <= 0 || h <= 0) {
            return;
        }
        g.setFont(Font.font(10));
        g.setStroke(axisColour);
        g.setLineWidth(1);
        g.strokeLine(LEFT, TOP, LEFT, h - BOTTOM);
        g.strokeLine(LEFT, h - BOTTOM, w - RIGHT, h - BOTTOM);
        g.setFill(axisColour);
        TimestepSchedule s = schedule.get();
        if (s == null || s.size() == 0) {
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText("The schedule appears here", (LEFT + w) / 2, h / 2);
            moveCursor();
            return;
        }
        int max = Math.max(1, s.maxValue());
        int size = s.size();
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(Integer.toString(max), LEFT - 4, y(max, max));
        g.fillText("0", LEFT - 4, y(0, max));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.fillText("t", 4, TOP - 14);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText("iteration → " + size, w - RIGHT, h - BOTTOM + 3);
        // Legend.
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(DENOISE);
        g.fillRect(LEFT + 6, TOP - 12, 10, 3);
        g.setFill(axisColour);
        g.fillText("denoise", LEFT + 20, TOP - 17);
        g.setFill(UNDO);
        g.fillRect(LEFT + 70, TOP - 12, 10, 3);
        g.setFill(axisColour);
        g.fillText("undo (resample)", LEFT + 84, TOP - 17);

        g.setLineWidth(1.5);
        StepKind current = null;
        g.beginPath();
        for (int i = 1; i < size; i++) {
            StepKind k = s.kind(i);
            if (k != current) {
                if (current != null) {
                    g.stroke();
                }
                g.setStroke(k == StepKind.DENOISE ? DENOISE : UNDO);
                g.beginPath();
                g.moveTo(x(i - 1, size), y(s.value(i - 1), max));
                current = k;
            }
            g.lineTo(x(i, size), y(s.value(i), max));
        }
        g.stroke();
        moveCursor();
    }

    private void moveCursor() {
        TimestepSchedule s = schedule.get();
        int e = cursorEntry.get();
        boolean show = s != null && e >= 0 && e < s.size();
        cursor.setVisible(show);
        cursorDot.setVisible(show);
        if (show) {
            double cx = x(e, s.size());
            cursor.setStartX(cx);
            cursor.setEndX(cx);
            cursor.setStartY(TOP);
            cursor.setEndY(getHeight() - BOTTOM);
            cursorDot.setCenterX(cx);
            cursorDot.setCenterY(y(s.value(e), Math.max(1, s.maxValue())));
        }
    }

    public ObjectProperty<TimestepSchedule> scheduleProperty() {
        return schedule;
    }

    public IntegerProperty cursorEntryProperty() {
        return cursorEntry;
    }

    /** The cursor's x in the chart, for tests. */
    public double cursorX() {
        return cursor.getStartX();
    }
}
