package org.repaintstudio.app.document;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
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
import org.repaintstudio.core.mask.CanvasExtension;
import org.repaintstudio.core.mask.ColourRegion;

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
    private Consumer<PixelRect> coverageListener;
    /** The mask before the last applied result, for "Reuse previous mask". */
    private byte[] previousMask;
    /** A copy of the picture as opened, taken just before its pixels first change. */
    private BufferedImage originalImage;
    /** The name of a picture being read, or empty: the canvas says "Loading…" meanwhile. */
    private final ReadOnlyStringWrapper loading = new ReadOnlyStringWrapper("");

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
        if (coverageListener != null && mask.get() != null) {
            mask.get().removeListener(coverageListener);
        }
        coverageListener = r -> coverage.set(m.coverage());
        m.addListener(coverageListener);
        previousMask = null;
        originalImage = null;
        loading.set("");
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

    /** Adds a preset to the mask (never throws the painted mask away); one undoable step. */
    public void applyPreset(MaskPresets preset, long seed) {
        MaskRaster m = mask.get();
        if (m != null) {
            boolean[] fill = preset.create(m.width(), m.height(), seed).fillArray();
            byte[] selection = new byte[fill.length];
            for (int i = 0; i < fill.length; i++) {
                selection[i] = fill[i] ? (byte) 255 : 0;
            }
            commitMask(preset.label(), m.combine(selection, false));
        }
    }

    /**
     * Select similar colour at image pixel ({@code x}, {@code y}): the connected area within
     * {@code tolerance} (0..100) is added to the mask, or taken out of it; one undoable step.
     */
    public void selectSimilarColour(int x, int y, double tolerance, boolean subtract) {
        MaskRaster m = mask.get();
        BufferedImage img = image.get();
        if (m == null || x < 0 || y < 0 || x >= m.width() || y >= m.height()) {
            return;
        }
        byte[] region = ColourRegion.select(rgbPixels(img), img.getWidth(), img.getHeight(), x, y, tolerance);
        commitMask(subtract ? "Remove similar colour" : "Select similar colour", m.combine(region, subtract));
    }

    /** The picture's pixels as 0xRRGGBB, without a copy when the picture is stored that way. */
    private static int[] rgbPixels(BufferedImage img) {
        if (img.getType() == BufferedImage.TYPE_INT_RGB && img.getRaster().getDataBuffer() instanceof DataBufferInt d
                && d.getNumBanks() == 1 && img.getRaster().getSampleModelTranslateX() == 0) {
            return d.getData();
        }
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    /** Shows {@code values} as the mask without recording it, for a command's live preview. */
    public void previewMask(byte[] values) {
        MaskRaster m = mask.get();
        if (m != null) {
            m.setValues(values);
        }
    }

    /** Takes a preview back: the mask as after the last recorded edit. */
    public void cancelMaskPreview() {
        MaskRaster m = mask.get();
        if (m != null) {
            m.setValues(committedMask);
        }
    }

    /** The mask as after the last recorded edit (a copy), the input of a mask command. */
    public byte[] committedMask() {
        return committedMask == null ? null : committedMask.clone();
    }

    /** Replaces the whole mask with {@code values} as one undoable step named {@code label}. */
    public void replaceMaskValues(byte[] values, String label) {
        MaskRaster m = mask.get();
        if (m != null) {
            m.setValues(values);
            // The undo step records only where the new mask differs from the recorded one.
            commitMask(label, MaskRaster.differingArea(committedMask, values, m.width(), m.height()));
        }
    }

    /** Remembers the current mask, so "Reuse previous mask" can bring it back after a result. */
    public void rememberMask() {
        if (mask.get() != null && !mask.get().isEmpty()) {
            previousMask = mask.get().snapshot();
        }
    }

    /** The mask remembered when the last result was applied, if it fits the current picture. */
    public java.util.Optional<byte[]> previousMask() {
        boolean fits = previousMask != null && mask.get() != null && previousMask.length == mask.get().values().length;
        return fits ? java.util.Optional.of(previousMask.clone()) : java.util.Optional.empty();
    }

    /**
     * Outpainting: the canvas grows by the margins; the picture's pixels stay exact, and the new
     * border becomes the mask. One undoable step.
     */
    public void extendCanvas(CanvasExtension.Margins margins) {
        BufferedImage img = image.get();
        if (img == null || margins.isEmpty()) {
            return;
        }
        CanvasExtension ext = CanvasExtension.of(img, margins);
        MaskRaster larger = new MaskRaster(ext.image().getWidth(), ext.image().getHeight());
        larger.setValues(ext.mask());
        CanvasState before = new CanvasState(img, mask.get(), committedMask);
        CanvasState after = new CanvasState(ext.image(), larger, larger.snapshot());
        after.restore(this);
        imageChanged(new PixelRect(0, 0, ext.image().getWidth(), ext.image().getHeight()));
        history.push(new CanvasEdit(String.format(Locale.ROOT, "Extend canvas to %d × %d",
                ext.image().getWidth(), ext.image().getHeight()), before, after));
        maskRevision.set(maskRevision.get() + 1);
    }

    /** Picture, mask and its recorded state together: what a canvas-size change swaps. */
    private record CanvasState(BufferedImage image, MaskRaster mask, byte[] committed) {
        void restore(DocumentViewModel d) {
            if (d.coverageListener != null && d.mask.get() != null) {
                d.mask.get().removeListener(d.coverageListener);
            }
            d.committedMask = committed;
            d.coverageListener = r -> d.coverage.set(mask.coverage());
            mask.addListener(d.coverageListener);
            d.mask.set(mask);
            d.image.set(image);
            d.coverage.set(mask.coverage());
        }
    }

    private final class CanvasEdit implements EditHistory.Edit {
        private final String label;
        private final CanvasState before;
        private final CanvasState after;

        CanvasEdit(String label, CanvasState before, CanvasState after) {
            this.label = label;
            this.before = before;
            this.after = after;
        }

        @Override
        public String label() {
            return label;
        }

        @Override
        public void undo() {
            before.restore(DocumentViewModel.this);
            imageChangedSinceSave = true;
        }

        @Override
        public void redo() {
            after.restore(DocumentViewModel.this);
            imageChangedSinceSave = true;
        }

        @Override
        public long sizeBytes() {
            return 4L * after.image().getWidth() * after.image().getHeight() * 2;
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
        if (originalImage == null) {
            originalImage = copyOf(img);
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

    /** What is unsaved, for the prompt: "the mask", "the inpainted picture". */
    public String unsavedDescription() {
        return imageChangedSinceSave ? "the inpainted picture and its mask" : "the mask";
    }

    public boolean imageChangedSinceSave() {
        return imageChangedSinceSave;
    }

    private static BufferedImage copyOf(BufferedImage src) {
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        out.setData(src.getRaster());
        return out;
    }

    /** The picture as it was opened, before any result was applied (the current one if none was). */
    public BufferedImage originalImage() {
        return originalImage != null ? originalImage : image.get();
    }

    /** Says that {@code name} is being read; cleared by {@link #open} or {@link #loadingFailed()}. */
    public void loading(String name) {
        loading.set(name == null ? "" : name);
    }

    public void loadingFailed() {
        loading.set("");
    }

    public ReadOnlyStringProperty loadingProperty() {
        return loading.getReadOnlyProperty();
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
