package org.repaintstudio.app.document;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableBooleanValue;

import org.repaintstudio.app.edit.EditHistory;
import org.repaintstudio.app.edit.ImageEdit;
import org.repaintstudio.app.edit.MaskEdit;
import org.repaintstudio.app.edit.MaskRaster;
import org.repaintstudio.app.edit.PixelRect;
import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.image.MaskPresets;

/**
 * The open picture: its pixels, the painted mask and their shared undo history, plus what the
 * window shows about it (name, unsaved mark). Holds no JavaFX nodes; the canvas view listens.
 */
public final class DocumentViewModel {
    public static final String APP_NAME = "RePaint Studio";

    private final ReadOnlyObjectWrapper<BufferedImage> image = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<MaskRaster> mask = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(APP_NAME);
    private final ReadOnlyDoubleWrapper coverage = new ReadOnlyDoubleWrapper();
    /** Counts committed mask edits (not every dab): for the crop preview and autosave. */
    private final ReadOnlyIntegerWrapper maskRevision = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper savedVersion = new ReadOnlyIntegerWrapper();
    private final List<Consumer<PixelRect>> imageListeners = new ArrayList<>();
    private final EditHistory history;
    private final BooleanBinding dirty;
    private final BooleanBinding hasImage;
    private byte[] committedMask;
    private PixelRect strokeArea = PixelRect.EMPTY;
    private double lastX;
    private double lastY;
    private boolean imageChangedSinceSave;

    public DocumentViewModel() {
        this(new EditHistory());
    }

    public DocumentViewModel(EditHistory history) {
        this.history = history;
        dirty = Bindings.createBooleanBinding(() -> image.get() != null
                && history.versionProperty().get() != savedVersion.get(), history.versionProperty(), savedVersion, image);
        hasImage = image.isNotNull();
        dirty.addListener((o, a, b) -> updateTitle());
        name.addListener((o, a, b) -> updateTitle());
    }

    private void updateTitle() {
        title.set(image.get() == null ? APP_NAME : (dirty.get() ? "*" : "") + name.get() + " – " + APP_NAME);
    }

    /** Shows a new picture with an empty mask and a fresh history. */
    public void open(BufferedImage picture, Path source, String displayName) {
        MaskRaster m = new MaskRaster(picture.getWidth(), picture.getHeight());
        m.addListener(r -> coverage.set(m.coverage()));
        committedMask = m.snapshot();
        history.clear();
        savedVersion.set(history.versionProperty().get());
        imageChangedSinceSave = false;
        file.set(source);
        name.set(displayName != null ? displayName : source != null ? source.getFileName().toString() : "Untitled");
        mask.set(m);
        image.set(picture);
        coverage.set(0);
        maskRevision.set(maskRevision.get() + 1);
        updateTitle();
    }

    public void close() {
        image.set(null);
        mask.set(null);
        file.set(null);
        name.set("");
        history.clear();
        savedVersion.set(history.versionProperty().get());
        updateTitle();
    }

    // --- painting --------------------------------------------------------------------------------

    public void beginStroke(double x, double y, double radius, double hardness, boolean erase) {
        MaskRaster m = mask.get();
        if (m == null) {
            return;
        }
        lastX = x;
        lastY = y;
        strokeArea = m.dab(x, y, radius, hardness, erase);
    }

    public void strokeTo(double x, double y, double radius, double hardness, boolean erase) {
        MaskRaster m = mask.get();
        if (m == null) {
            return;
        }
        strokeArea = strokeArea.union(m.stroke(lastX, lastY, x, y, radius, hardness, erase));
        lastX = x;
        lastY = y;
    }

    public void endStroke(boolean erase) {
        commitMask(erase ? "Erase" : "Brush stroke", strokeArea);
        strokeArea = PixelRect.EMPTY;
    }

    public void fillRect(PixelRect r, boolean erase) {
        if (mask.get() != null) {
            commitMask(erase ? "Erase rectangle" : "Rectangle", mask.get().fillRect(r, erase));
        }
    }

    public void fillPolygon(double[] xs, double[] ys, boolean erase) {
        if (mask.get() != null) {
            commitMask(erase ? "Erase lasso" : "Lasso", mask.get().fillPolygon(xs, ys, erase));
        }
    }

    public void clearMask() {
        if (mask.get() != null) {
            commitMask("Clear mask", mask.get().fillAll(false));
        }
    }

    public void fillAllMask() {
        if (mask.get() != null) {
            commitMask("Fill all", mask.get().fillAll(true));
        }
    }

    public void invertMask() {
        if (mask.get() != null) {
            commitMask("Invert mask", mask.get().invert());
        }
    }

    public void applyPreset(MaskPresets preset, long seed) {
        MaskRaster m = mask.get();
        if (m != null) {
            commitMask(preset.label(), m.set(preset.create(m.width(), m.height(), seed)));
        }
    }

    /** Replaces the mask (loaded from a file); undoable. */
    public void replaceMask(Mask loaded, String label) {
        MaskRaster m = mask.get();
        if (m != null) {
            commitMask(label, m.set(loaded));
        }
    }

    private void commitMask(String label, PixelRect area) {
        MaskRaster m = mask.get();
        MaskEdit edit = MaskEdit.capture(label, m, committedMask, area);
        if (edit != null) {
            history.push(edit);
        }
        maskRevision.set(maskRevision.get() + 1);
    }

    // --- image edits -----------------------------------------------------------------------------

    /** Hears about changed image pixels (applied results, undo, redo). */
    public void addImageListener(Consumer<PixelRect> listener) {
        imageListeners.add(listener);
    }

    /** Copies {@code result} into the picture inside {@code area}; undoable. */
    public void applyImage(BufferedImage result, PixelRect area, String label) {
        BufferedImage img = image.get();
        if (img == null || result.getWidth() != img.getWidth() || result.getHeight() != img.getHeight()) {
            throw new IllegalArgumentException("result size differs from the picture");
        }
        ImageEdit edit = ImageEdit.apply(label, img, result, area, this::imageChanged);
        if (edit != null) {
            history.push(edit);
        }
    }

    private void imageChanged(PixelRect r) {
        imageChangedSinceSave = true;
        for (Consumer<PixelRect> l : List.copyOf(imageListeners)) {
            l.accept(r);
        }
    }

    public void undo() {
        history.undo();
        maskRevision.set(maskRevision.get() + 1);
    }

    public void redo() {
        history.redo();
        maskRevision.set(maskRevision.get() + 1);
    }

    /** The current state is what is on disk (or deliberately kept). */
    public void markSaved(Path savedAs) {
        savedVersion.set(history.versionProperty().get());
        imageChangedSinceSave = false;
        if (savedAs != null) {
            file.set(savedAs);
            name.set(savedAs.getFileName().toString());
        }
        updateTitle();
    }

    /** What is unsaved, for the prompt: "the painted mask", "the inpainted picture". */
    public String unsavedDescription() {
        return imageChangedSinceSave ? "the inpainted picture and its mask" : "the painted mask";
    }

    public boolean imageChangedSinceSave() {
        return imageChangedSinceSave;
    }

    // --- properties ------------------------------------------------------------------------------

    public ReadOnlyObjectProperty<BufferedImage> imageProperty() {
        return image.getReadOnlyProperty();
    }

    public BufferedImage image() {
        return image.get();
    }

    public ReadOnlyObjectProperty<MaskRaster> maskProperty() {
        return mask.getReadOnlyProperty();
    }

    public MaskRaster mask() {
        return mask.get();
    }

    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    public Path file() {
        return file.get();
    }

    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty coverageProperty() {
        return coverage.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty maskRevisionProperty() {
        return maskRevision.getReadOnlyProperty();
    }

    public ObservableBooleanValue dirtyProperty() {
        return dirty;
    }

    public boolean isDirty() {
        return dirty.get();
    }

    public ObservableBooleanValue hasImageProperty() {
        return hasImage;
    }

    public EditHistory history() {
        return history;
    }

    public String sizeText() {
        BufferedImage img = image.get();
        return img == null ? "" : String.format(Locale.ROOT, "%d × %d px", img.getWidth(), img.getHeight());
    }
}
