package org.repaintstudio.app.canvas;

import org.repaintstudio.app.edit.PixelRect;
import org.repaintstudio.app.edit.MaskRaster;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.BooleanProperty;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Point2D;
import javafx.scene.Cursor;
import javafx.scene.Group;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.scene.transform.Affine;

import org.repaintstudio.app.document.DocumentViewModel;
import org.repaintstudio.core.inpaint.CropPlan;

/**
 * The picture with its mask overlay: zoom, pan, and the painting tools. Image-space layers live in
 * one transformed group; cursors and outlines are drawn in screen space so they stay one pixel
 * thin at any zoom. Mask changes redraw only their dirty rectangles.
 */
public final class CanvasView extends Region {
    public static final double MIN_ZOOM = 0.02;
    public static final double MAX_ZOOM = 32;

    private final DocumentViewModel document;
    private final ToolSettings tools;
    private final Pane viewport = new Pane();
    private final Group contentAbove = new Group();
    private final Affine transformAbove = new Affine();
    private final Group imageHolder = new Group();
    private final Group overlayHolder = new Group();
    private final ImageView resultView = new ImageView();
    private final Rectangle resultClip = new Rectangle();
    private final ImageView liveView = new ImageView();
    private final Pane decor = new Pane();
    private final Circle brushCursor = new Circle();
    private final Circle brushCursorInner = new Circle();
    private final Rectangle cropOutline = new Rectangle();
    private final Text cropLabel = new Text("Model crop");
    private final Rectangle marquee = new Rectangle();
    private final Polyline lasso = new Polyline();
    private final Line compareDivider = new Line();
    private static final String EMPTY_HINT = "Drop a picture here, or use File ▸ Open (Ctrl+O) or paste one (Ctrl+V)";
    /** Zoom per wheel notch (JavaFX reports 40 units a notch); trackpads send fractions of it. */
    static final double WHEEL_NOTCH_ZOOM = 1.18;
    private final Text emptyHint = new Text(EMPTY_HINT);
    private final Rectangle cropLabelBackdrop = new Rectangle();
    /** "+" or "−" beside the pointer: whether the next action adds to the mask or takes away. */
    private final Text modeSign = new Text();
    /** The picture the shown result started from ("before"), and the picture as opened (Tab). */
    private final ImageView beforeView = new ImageView();
    private final ImageView originalView = new ImageView();
    private boolean altDown;

    private final ReadOnlyDoubleWrapper zoom = new ReadOnlyDoubleWrapper(1);
    private final BooleanProperty overlayHidden = new SimpleBooleanProperty(false);
    private final BooleanProperty spaceDown = new SimpleBooleanProperty(false);
    private final ObjectProperty<CropPlan> cropPlan = new SimpleObjectProperty<>();
    private final ObjectProperty<BufferedImage> comparedResult = new SimpleObjectProperty<>();
    /** The picture the compared result was made from: the "before" of Before/After. */
    private final ObjectProperty<BufferedImage> comparedBefore = new SimpleObjectProperty<>();
    /** Where "after" starts, as a fraction of the width: 0 shows the whole result. */
    private final DoubleProperty compareSplit = new SimpleDoubleProperty(0);
    private final ObjectProperty<Image> liveImage = new SimpleObjectProperty<>();
    private final ObjectProperty<CropPlan> livePlan = new SimpleObjectProperty<>();

    private ImageLayer imageLayer;
    private MaskOverlay overlay;
    private final Consumer<PixelRect> maskListener = this::maskChanged;
    private MaskRaster listenedMask;
    private double tx;
    private double ty;
    private boolean fitPending = true;

    private enum Drag { NONE, PAN, BRUSH, RECT, LASSO }

    private Drag drag = Drag.NONE;
    private boolean dragErase;
    private double pressX;
    private double pressY;
    private double panStartTx;
    private double panStartTy;
    private double rectX0;
    private double rectY0;
    private final List<Double> lassoPoints = new ArrayList<>();
    private Point2D lastMouse;

    public CanvasView(DocumentViewModel document, ToolSettings tools) {
        this.document = document;
        this.tools = tools;
        getStyleClass().add("canvas-view");
        setId("canvas");
        setFocusTraversable(true);
        setMinSize(200, 200);

        contentAbove.getTransforms().add(transformAbove);
        resultView.setClip(resultClip);
        resultView.setMouseTransparent(true);
        liveView.setMouseTransparent(true);
        beforeView.setMouseTransparent(true);
        originalView.setMouseTransparent(true);
        contentAbove.getChildren().addAll(beforeView, resultView, liveView, originalView);
        overlayHolder.setMouseTransparent(true);
        imageHolder.setMouseTransparent(true);
        // Picture and mask are placed in screen pixels (no seams between tiles); the mask shows on
        // the picture and on the "before" side; results and live previews cover it.
        viewport.getChildren().addAll(imageHolder, overlayHolder, contentAbove);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(viewport.widthProperty());
        clip.heightProperty().bind(viewport.heightProperty());
        viewport.setClip(clip);
        viewport.getStyleClass().add("canvas-viewport");

        styleOutline(cropOutline, Color.web("#ffd400"));
        cropOutline.getStrokeDashArray().setAll(8.0, 6.0);
        cropLabel.setFill(Color.web("#ffd400"));
        cropLabelBackdrop.setFill(Color.color(0, 0, 0, 0.65));
        cropLabelBackdrop.setArcWidth(6);
        cropLabelBackdrop.setArcHeight(6);
        modeSign.setFill(Color.WHITE);
        modeSign.setStroke(Color.BLACK);
        modeSign.setStrokeWidth(0.6);
        modeSign.setStyle("-fx-font-size: 15px; -fx-font-weight: bold;");
        modeSign.setId("mode-sign");
        // A font set in code (not CSS), so the label's size is known before the next CSS pass.
        cropLabel.setFont(javafx.scene.text.Font.font(null, javafx.scene.text.FontWeight.BOLD, 11));
        cropLabel.setTextOrigin(javafx.geometry.VPos.TOP);
        styleOutline(marquee, Color.WHITE);
        marquee.getStrokeDashArray().setAll(5.0, 4.0);
        lasso.setStroke(Color.WHITE);
        lasso.getStrokeDashArray().setAll(5.0, 4.0);
        lasso.setStrokeWidth(1.5);
        brushCursor.setFill(null);
        brushCursor.setStroke(Color.BLACK);
        brushCursor.setStrokeWidth(1.5);
        brushCursorInner.setFill(null);
        brushCursorInner.setStroke(Color.WHITE);
        brushCursorInner.setStrokeWidth(1);
        compareDivider.setStroke(Color.WHITE);
        compareDivider.setStrokeWidth(2);
        emptyHint.getStyleClass().add("canvas-hint");
        decor.getChildren().addAll(cropOutline, cropLabelBackdrop, cropLabel, modeSign, compareDivider, marquee, lasso, brushCursor,
                brushCursorInner, emptyHint);
        decor.setMouseTransparent(true);
        for (var n : decor.getChildren()) {
            n.setVisible(false);
            n.setManaged(false);
        }
        emptyHint.setVisible(true);

        getChildren().addAll(viewport, decor);

        document.imageProperty().addListener((o, old, img) -> showImage(img));
        document.maskProperty().addListener((o, old, m) -> showMask(m));
        document.addImageListener(r -> {
            if (imageLayer != null) {
                imageLayer.update(r);
            }
        });
        showImage(document.image());
        showMask(document.mask());

        overlayHidden.addListener((o, a, b) -> updateVisibility());
        cropPlan.addListener((o, a, b) -> updateDecor());
        tools.showCropRegionProperty().addListener((o, a, b) -> updateDecor());
        tools.livePreviewProperty().addListener((o, a, b) -> updateVisibility());
        tools.toolProperty().addListener((o, a, b) -> updateCursor());
        tools.brushSizeProperty().addListener((o, a, b) -> updateCursor());
        tools.subtractProperty().addListener((o, a, b) -> updateCursor());
        document.loadingProperty().addListener((o, a, name) -> emptyHint.setText(
                name.isEmpty() ? EMPTY_HINT : "Loading " + name + "…"));
        spaceDown.addListener((o, a, b) -> updateCursor());
        comparedResult.addListener((o, a, img) -> {
            resultView.setImage(img == null ? null : SwingFXUtils.toFXImage(img, null));
            BufferedImage before = comparedBefore.get();
            beforeView.setImage(img == null || before == null ? null : SwingFXUtils.toFXImage(before, null));
            updateVisibility();
            updateDecor();
        });
        compareSplit.addListener((o, a, b) -> updateDecor());
        liveImage.addListener((o, a, img) -> {
            liveView.setImage(img);
            updateVisibility();
        });
        livePlan.addListener((o, a, b) -> placeLive());

        viewport.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        viewport.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        viewport.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        viewport.addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
            lastMouse = new Point2D(e.getX(), e.getY());
            altDown = e.isAltDown();
            updateCursor();
        });
        viewport.addEventHandler(MouseEvent.MOUSE_EXITED, e -> {
            lastMouse = null;
            updateCursor();
        });
        viewport.addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        viewport.addEventHandler(ZoomEvent.ZOOM, this::pinched);
        widthProperty().addListener((o, a, b) -> sizeChanged());
        heightProperty().addListener((o, a, b) -> sizeChanged());
        updateVisibility();
    }

    private static void styleOutline(Rectangle r, Color colour) {
        r.setFill(null);
        r.setStroke(colour);
        r.setStrokeWidth(1.5);
    }

    @Override
    protected void layoutChildren() {
        viewport.resizeRelocate(0, 0, getWidth(), getHeight());
        decor.resizeRelocate(0, 0, getWidth(), getHeight());
        emptyHint.setX(Math.max(10, (getWidth() - emptyHint.getLayoutBounds().getWidth()) / 2));
        emptyHint.setY(getHeight() / 2);
    }

    private void sizeChanged() {
        if (fitPending && document.image() != null && getWidth() > 0 && getHeight() > 0) {
            fit();
        } else {
            updateDecor();
        }
    }

    // --- document -------------------------------------------------------------------------------

    private void showImage(BufferedImage img) {
        imageHolder.getChildren().clear();
        imageLayer = null;
        comparedResult.set(null);
        liveImage.set(null);
        if (img != null) {
            imageLayer = new ImageLayer(img);
            imageLayer.place(zoom.get(), tx, ty);
            imageHolder.getChildren().add(imageLayer);
            fitPending = true;
            if (getWidth() > 0) {
                fit();
            }
        }
        emptyHint.setVisible(img == null);
        updateDecor();
    }

    private void showMask(MaskRaster m) {
        if (listenedMask != null) {
            listenedMask.removeListener(maskListener);
        }
        listenedMask = m;
        overlayHolder.getChildren().clear();
        overlay = null;
        if (m != null) {
            overlay = new MaskOverlay(m);
            overlay.place(zoom.get(), tx, ty);
            overlayHolder.getChildren().add(overlay);
            m.addListener(maskListener);
        }
    }

    private void maskChanged(PixelRect r) {
        if (overlay != null) {
            overlay.update(r);
        }
    }

    private void updateVisibility() {
        boolean original = overlayHidden.get();
        overlayHolder.setVisible(!original);
        resultView.setVisible(!original && resultView.getImage() != null);
        beforeView.setVisible(!original && beforeView.getImage() != null);
        if (original && document.image() != null && document.originalImage() != document.image()) {
            originalView.setImage(SwingFXUtils.toFXImage(document.originalImage(), null));
        } else {
            originalView.setImage(null);
        }
        originalView.setVisible(originalView.getImage() != null);
        liveView.setVisible(!original && tools.livePreviewProperty().get() && liveView.getImage() != null
                && comparedResult.get() == null);
        updateDecor();
    }

    private void placeLive() {
        CropPlan p = livePlan.get();
        if (p != null) {
            liveView.setLayoutX(p.x());
            liveView.setLayoutY(p.y());
            liveView.setFitWidth(p.side());
            liveView.setFitHeight(p.side());
        }
    }

    // --- view transform -------------------------------------------------------------------------

    public void fit() {
        BufferedImage img = document.image();
        if (img == null || getWidth() <= 0 || getHeight() <= 0) {
            return;
        }
        fitPending = false;
        double s = Math.min((getWidth() - 24) / img.getWidth(), (getHeight() - 24) / img.getHeight());
        s = clampZoom(Math.min(s, 8));
        setView(s, (getWidth() - img.getWidth() * s) / 2, (getHeight() - img.getHeight() * s) / 2);
    }

    /**
     * 100%, keeping the picture point under the pointer where it is; without a pointer over the
     * canvas, the painted area (or the picture's centre) comes to the middle of the view.
     */
    public void actualSize() {
        if (document.image() == null) {
            return;
        }
        if (lastMouse != null) {
            zoomAt(1.0, lastMouse.getX(), lastMouse.getY());
            return;
        }
        PixelRect painted = document.mask() == null ? PixelRect.EMPTY : document.mask().fillBounds();
        double cx = painted.isEmpty() ? document.image().getWidth() / 2.0 : painted.x() + painted.width() / 2.0;
        double cy = painted.isEmpty() ? document.image().getHeight() / 2.0 : painted.y() + painted.height() / 2.0;
        fitPending = false;
        setView(1.0, getWidth() / 2 - cx, getHeight() / 2 - cy);
    }

    public void zoomIn() {
        zoomBy(1.25);
    }

    public void zoomOut() {
        zoomBy(1 / 1.25);
    }

    public void zoomBy(double factor) {
        zoomAt(zoom.get() * factor, getWidth() / 2, getHeight() / 2);
    }

    /** Sets the zoom keeping the image point under (vx, vy) in place. */
    public void zoomAt(double newZoom, double vx, double vy) {
        if (document.image() == null) {
            return;
        }
        fitPending = false;
        double s = clampZoom(newZoom);
        double ix = (vx - tx) / zoom.get();
        double iy = (vy - ty) / zoom.get();
        setView(s, vx - ix * s, vy - iy * s);
    }

    private static double clampZoom(double z) {
        return Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z));
    }

    private void setView(double s, double x, double y) {
        zoom.set(s);
        tx = Math.round(x);
        ty = Math.round(y);
        transformAbove.setToTransform(s, 0, tx, 0, s, ty);
        if (overlay != null) {
            overlay.place(s, tx, ty);
        }
        if (imageLayer != null) {
            imageLayer.place(s, tx, ty);
        }
        if (imageLayer != null) {
            // Pixels stay crisp when zoomed in, like every image editor.
            imageLayer.setSmooth(s < 2);
        }
        resultView.setSmooth(s < 2);
        updateDecor();
    }

    public Point2D viewToImage(double vx, double vy) {
        return new Point2D((vx - tx) / zoom.get(), (vy - ty) / zoom.get());
    }

    public Point2D imageToView(double ix, double iy) {
        return new Point2D(ix * zoom.get() + tx, iy * zoom.get() + ty);
    }

    // --- mouse ----------------------------------------------------------------------------------

    private void pressed(MouseEvent e) {
        requestFocus();
        if (document.image() == null) {
            return;
        }
        pressX = e.getX();
        pressY = e.getY();
        if (e.getButton() == MouseButton.MIDDLE || (e.getButton() == MouseButton.PRIMARY && spaceDown.get())) {
            drag = Drag.PAN;
            panStartTx = tx;
            panStartTy = ty;
            viewport.setCursor(Cursor.CLOSED_HAND);
            return;
        }
        if (e.getButton() != MouseButton.PRIMARY && e.getButton() != MouseButton.SECONDARY) {
            return;
        }
        Tool tool = tools.toolProperty().get();
        // The add/subtract toggle, flipped by the right button or Alt, for every tool.
        dragErase = tools.subtracts(tool, e.getButton() == MouseButton.SECONDARY || e.isAltDown());
        Point2D p = viewToImage(e.getX(), e.getY());
        switch (tool) {
            case BRUSH, ERASER -> {
                drag = Drag.BRUSH;
                document.beginStroke(p.getX(), p.getY(), radius(), tools.hardnessProperty().get(), dragErase);
            }
            case RECTANGLE -> {
                drag = Drag.RECT;
                rectX0 = p.getX();
                rectY0 = p.getY();
                marquee.setVisible(true);
                updateMarquee(e.getX(), e.getY());
            }
            case LASSO -> {
                drag = Drag.LASSO;
                lassoPoints.clear();
                lassoPoints.add(p.getX());
                lassoPoints.add(p.getY());
                lasso.getPoints().setAll(e.getX(), e.getY());
                lasso.setVisible(true);
            }
            case WAND -> document.selectSimilarColour((int) Math.floor(p.getX()), (int) Math.floor(p.getY()),
                    tools.toleranceProperty().get(), dragErase);
        }
        e.consume();
    }

    private void dragged(MouseEvent e) {
        lastMouse = new Point2D(e.getX(), e.getY());
        Point2D p = viewToImage(e.getX(), e.getY());
        switch (drag) {
            case PAN -> setView(zoom.get(), panStartTx + e.getX() - pressX, panStartTy + e.getY() - pressY);
            case BRUSH -> document.strokeTo(p.getX(), p.getY(), radius(), tools.hardnessProperty().get(), dragErase);
            case RECT -> updateMarquee(e.getX(), e.getY());
            case LASSO -> {
                lassoPoints.add(p.getX());
                lassoPoints.add(p.getY());
                lasso.getPoints().addAll(e.getX(), e.getY());
            }
            default -> {
                return;
            }
        }
        updateCursor();
        e.consume();
    }

    private void released(MouseEvent e) {
        Point2D p = viewToImage(e.getX(), e.getY());
        switch (drag) {
            case BRUSH -> document.endStroke(dragErase);
            case RECT -> {
                marquee.setVisible(false);
                int x0 = (int) Math.floor(Math.min(rectX0, p.getX()));
                int y0 = (int) Math.floor(Math.min(rectY0, p.getY()));
                int x1 = (int) Math.ceil(Math.max(rectX0, p.getX()));
                int y1 = (int) Math.ceil(Math.max(rectY0, p.getY()));
                document.fillRect(PixelRect.ofBounds(x0, y0, x1, y1), dragErase);
            }
            case LASSO -> {
                lasso.setVisible(false);
                int n = lassoPoints.size() / 2;
                double[] xs = new double[n];
                double[] ys = new double[n];
                for (int i = 0; i < n; i++) {
                    xs[i] = lassoPoints.get(2 * i);
                    ys[i] = lassoPoints.get(2 * i + 1);
                }
                document.fillPolygon(xs, ys, dragErase);
                lassoPoints.clear();
            }
            default -> { }
        }
        drag = Drag.NONE;
        updateCursor();
    }

    private void updateMarquee(double vx, double vy) {
        Point2D a = imageToView(rectX0, rectY0);
        marquee.setX(Math.min(a.getX(), vx));
        marquee.setY(Math.min(a.getY(), vy));
        marquee.setWidth(Math.abs(vx - a.getX()));
        marquee.setHeight(Math.abs(vy - a.getY()));
    }

    private void scrolled(ScrollEvent e) {
        if (document.image() == null || e.getDeltaY() == 0) {
            return;
        }
        // Fractional deltas (trackpads, high-resolution wheels) zoom smoothly by the same rule.
        double factor = Math.pow(WHEEL_NOTCH_ZOOM, e.getDeltaY() / 40.0);
        zoomAt(zoom.get() * factor, e.getX(), e.getY());
        e.consume();
    }

    /** Pinch zoom on a trackpad or touch screen. */
    private void pinched(ZoomEvent e) {
        if (document.image() != null && Double.isFinite(e.getZoomFactor()) && e.getZoomFactor() > 0) {
            zoomAt(zoom.get() * e.getZoomFactor(), e.getX(), e.getY());
            e.consume();
        }
    }

    private double radius() {
        return tools.brushSizeProperty().get() / 2;
    }

    // --- screen-space decorations ---------------------------------------------------------------

    private void updateCursor() {
        boolean brushTool = tools.toolProperty().get() == Tool.BRUSH || tools.toolProperty().get() == Tool.ERASER;
        boolean show = lastMouse != null && brushTool && document.image() != null && drag != Drag.PAN
                && !spaceDown.get();
        brushCursor.setVisible(show);
        brushCursorInner.setVisible(show);
        if (show) {
            double r = Math.max(2, radius() * zoom.get());
            brushCursor.setCenterX(lastMouse.getX());
            brushCursor.setCenterY(lastMouse.getY());
            brushCursor.setRadius(r);
            brushCursorInner.setCenterX(lastMouse.getX());
            brushCursorInner.setCenterY(lastMouse.getY());
            brushCursorInner.setRadius(Math.max(1, r - 1.5));
        }
        updateModeSign();
        Cursor c;
        if (drag == Drag.PAN) {
            c = Cursor.CLOSED_HAND;
        } else if (spaceDown.get()) {
            c = Cursor.OPEN_HAND;
        } else if (brushTool) {
            c = Cursor.CROSSHAIR;
        } else {
            c = Cursor.CROSSHAIR;
        }
        viewport.setCursor(document.image() == null ? Cursor.DEFAULT : c);
    }

    private void updateModeSign() {
        Tool tool = tools.toolProperty().get();
        boolean show = lastMouse != null && document.image() != null && drag != Drag.PAN && !spaceDown.get();
        modeSign.setVisible(show);
        if (show) {
            boolean subtract = drag == Drag.NONE ? tools.subtracts(tool, altDown) : dragErase;
            modeSign.setText((tool == Tool.WAND ? "✦" : "") + (subtract ? "−" : "+"));
            modeSign.setX(lastMouse.getX() + 10);
            modeSign.setY(lastMouse.getY() - 8);
        }
    }

    private void updateDecor() {
        CropPlan plan = cropPlan.get();
        boolean showCrop = plan != null && tools.showCropRegionProperty().get() && document.image() != null
                && !overlayHidden.get();
        cropOutline.setVisible(showCrop);
        cropLabel.setVisible(showCrop);
        if (showCrop) {
            Point2D a = imageToView(plan.x(), plan.y());
            double side = plan.side() * zoom.get();
            cropOutline.setX(a.getX());
            cropOutline.setY(a.getY());
            cropOutline.setWidth(side);
            cropOutline.setHeight(side);
            cropLabel.setText("Model sees this square (" + plan.side() + " px → " + plan.modelSize() + " px)");
            // Above the square, or inside it where the square touches the view's top edge.
            cropLabel.setX(a.getX() + 6);
            var b = cropLabel.getLayoutBounds();
            double above = a.getY() - b.getHeight() - 5;
            cropLabel.setY(above >= 3 ? above : Math.max(3, a.getY()) + 5);
            cropLabelBackdrop.setX(cropLabel.getX() - 4);
            cropLabelBackdrop.setY(cropLabel.getY() - 2);
            cropLabelBackdrop.setWidth(b.getWidth() + 8);
            cropLabelBackdrop.setHeight(b.getHeight() + 4);
        }
        cropLabelBackdrop.setVisible(showCrop);
        BufferedImage img = document.image();
        boolean comparing = comparedResult.get() != null && img != null && !overlayHidden.get();
        double split = Math.max(0, Math.min(1, compareSplit.get()));
        if (img != null) {
            resultClip.setX(split * img.getWidth());
            resultClip.setY(0);
            resultClip.setWidth(img.getWidth() * (1 - split));
            resultClip.setHeight(img.getHeight());
        }
        compareDivider.setVisible(comparing && split > 0 && split < 1);
        if (comparing) {
            Point2D top = imageToView(split * img.getWidth(), 0);
            Point2D bottom = imageToView(split * img.getWidth(), img.getHeight());
            compareDivider.setStartX(top.getX());
            compareDivider.setEndX(top.getX());
            compareDivider.setStartY(top.getY());
            compareDivider.setEndY(bottom.getY());
        }
        updateCursor();
    }

    // --- properties -----------------------------------------------------------------------------

    public ReadOnlyDoubleProperty zoomProperty() {
        return zoom.getReadOnlyProperty();
    }

    /** True while Tab is held: the picture without overlay, preview or result. */
    public BooleanProperty overlayHiddenProperty() {
        return overlayHidden;
    }

    public BooleanProperty spaceDownProperty() {
        return spaceDown;
    }

    public ObjectProperty<CropPlan> cropPlanProperty() {
        return cropPlan;
    }

    public ObjectProperty<BufferedImage> comparedResultProperty() {
        return comparedResult;
    }

    /** Set before {@link #comparedResultProperty()}: the picture the result was made from. */
    public ObjectProperty<BufferedImage> comparedBeforeProperty() {
        return comparedBefore;
    }

    public DoubleProperty compareSplitProperty() {
        return compareSplit;
    }

    public ObjectProperty<Image> liveImageProperty() {
        return liveImage;
    }

    public ObjectProperty<CropPlan> livePlanProperty() {
        return livePlan;
    }

    /** For tests and benchmarks: the node that receives mouse events. */
    public Pane viewport() {
        return viewport;
    }
}
