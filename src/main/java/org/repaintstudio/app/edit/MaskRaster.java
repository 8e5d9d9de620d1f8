package org.repaintstudio.app.edit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.repaintstudio.core.image.Mask;

/**
 * The painted mask: one coverage byte per pixel (0 = keep, 255 = fill), so soft brushes show
 * soft edges. {@link #fillCoverage()} gives the engine those grey levels as a soft mask;
 * {@link #toMask()} is the binary view for what is binary (the crop plan, binary file conventions).
 * Every change reports the rectangle it touched, so the overlay redraws only that.
 * Not thread-safe: the UI thread owns it.
 */
public final class MaskRaster {
    /** Coverage from which a pixel counts as fill. */
    public static final int THRESHOLD = 128;

    private final int width;
    private final int height;
    private final byte[] values;
    private long filled;
    private final List<Consumer<PixelRect>> listeners = new ArrayList<>();

    public MaskRaster(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("mask size must be positive: " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.values = new byte[Math.multiplyExact(width, height)];
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Row-major coverage bytes; callers that write must call {@link #changed(PixelRect, long)}. */
    public byte[] values() {
        return values;
    }

    public int valueAt(int x, int y) {
        return values[y * width + x] & 0xFF;
    }

    public boolean isFill(int x, int y) {
        return valueAt(x, y) >= THRESHOLD;
    }

    public long filledCount() {
        return filled;
    }

    public double coverage() {
        return filled / (double) values.length;
    }

    public boolean isEmpty() {
        return filled == 0;
    }

    /** Called with the touched rectangle after every change. */
    public void addListener(Consumer<PixelRect> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<PixelRect> listener) {
        listeners.remove(listener);
    }

    private long countFilled(PixelRect r) {
        long n = 0;
        for (int y = r.y(); y < r.bottom(); y++) {
            int row = y * width;
            for (int x = r.x(); x < r.right(); x++) {
                if ((values[row + x] & 0xFF) >= THRESHOLD) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Records a change made directly to {@link #values()}: {@code filledBefore} was counted before it. */
    public void changed(PixelRect r, long filledBefore) {
        if (r.isEmpty()) {
            return;
        }
        filled += countFilled(r) - filledBefore;
        for (Consumer<PixelRect> l : List.copyOf(listeners)) {
            l.accept(r);
        }
    }

    /** Counts fill pixels in a rectangle; pair with {@link #changed}. */
    public long filledIn(PixelRect r) {
        return countFilled(r);
    }

    public PixelRect bounds() {
        return new PixelRect(0, 0, width, height);
    }

    /**
     * One round dab of the brush. Coverage falls off from 1 inside {@code hardness × radius} to 0
     * at the radius; painting keeps the larger coverage, erasing the smaller remainder.
     */
    public PixelRect dab(double cx, double cy, double radius, double hardness, boolean erase) {
        double r = Math.max(0.5, radius);
        PixelRect rect = PixelRect.ofBounds((int) Math.floor(cx - r), (int) Math.floor(cy - r),
                (int) Math.ceil(cx + r) + 1, (int) Math.ceil(cy + r) + 1).clip(width, height);
        if (rect.isEmpty()) {
            return rect;
        }
        long before = countFilled(rect);
        stamp(rect, cx, cy, r, hardness, erase);
        changed(rect, before);
        return rect;
    }

    /** Dabs along a segment, spaced so the stroke looks continuous. */
    public PixelRect stroke(double x0, double y0, double x1, double y1, double radius, double hardness,
                            boolean erase) {
        double r = Math.max(0.5, radius);
        double len = Math.hypot(x1 - x0, y1 - y0);
        double spacing = Math.max(0.5, r * 0.2);
        int n = Math.max(1, (int) Math.ceil(len / spacing));
        PixelRect rect = PixelRect.ofBounds((int) Math.floor(Math.min(x0, x1) - r), (int) Math.floor(Math.min(y0, y1) - r),
                (int) Math.ceil(Math.max(x0, x1) + r) + 1, (int) Math.ceil(Math.max(y0, y1) + r) + 1)
                .clip(width, height);
        if (rect.isEmpty()) {
            return rect;
        }
        long before = countFilled(rect);
        for (int i = 1; i <= n; i++) {
            double t = i / (double) n;
            double cx = x0 + (x1 - x0) * t;
            double cy = y0 + (y1 - y0) * t;
            PixelRect d = PixelRect.ofBounds((int) Math.floor(cx - r), (int) Math.floor(cy - r),
                    (int) Math.ceil(cx + r) + 1, (int) Math.ceil(cy + r) + 1).clip(width, height);
            if (!d.isEmpty()) {
                stamp(d, cx, cy, r, hardness, erase);
            }
        }
        changed(rect, before);
        return rect;
    }

    private void stamp(PixelRect rect, double cx, double cy, double r, double hardness, boolean erase) {
        double h = Math.max(0, Math.min(1, hardness));
        double inner = r * h;
        double r2 = r * r;
        double band = Math.max(1e-6, r - inner);
        for (int y = rect.y(); y < rect.bottom(); y++) {
            double dy = y + 0.5 - cy;
            int row = y * width;
            for (int x = rect.x(); x < rect.right(); x++) {
                double dx = x + 0.5 - cx;
                double d2 = dx * dx + dy * dy;
                if (d2 >= r2) {
                    continue;
                }
                int a;
                if (h >= 1 || d2 <= inner * inner) {
                    a = 255;
                } else {
                    double t = 1 - (Math.sqrt(d2) - inner) / band;
                    a = (int) Math.round(255 * t * t * (3 - 2 * t));
                }
                int i = row + x;
                int old = values[i] & 0xFF;
                int v = erase ? Math.min(old, 255 - a) : Math.max(old, a);
                values[i] = (byte) v;
            }
        }
    }

    public PixelRect fillRect(PixelRect area, boolean erase) {
        PixelRect rect = area.clip(width, height);
        if (rect.isEmpty()) {
            return rect;
        }
        long before = countFilled(rect);
        byte v = erase ? 0 : (byte) 255;
        for (int y = rect.y(); y < rect.bottom(); y++) {
            Arrays.fill(values, y * width + rect.x(), y * width + rect.right(), v);
        }
        changed(rect, before);
        return rect;
    }

    /** Fills a closed polygon (even-odd rule, pixel centres). */
    public PixelRect fillPolygon(double[] xs, double[] ys, boolean erase) {
        int n = Math.min(xs.length, ys.length);
        if (n < 3) {
            return PixelRect.EMPTY;
        }
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, xs[i]);
            maxX = Math.max(maxX, xs[i]);
            minY = Math.min(minY, ys[i]);
            maxY = Math.max(maxY, ys[i]);
        }
        PixelRect rect = PixelRect.ofBounds((int) Math.floor(minX), (int) Math.floor(minY), (int) Math.ceil(maxX) + 1,
                (int) Math.ceil(maxY) + 1).clip(width, height);
        if (rect.isEmpty()) {
            return rect;
        }
        long before = countFilled(rect);
        byte v = erase ? 0 : (byte) 255;
        double[] crossings = new double[n];
        for (int y = rect.y(); y < rect.bottom(); y++) {
            double sy = y + 0.5;
            int count = 0;
            for (int i = 0, j = n - 1; i < n; j = i++) {
                double yi = ys[i], yj = ys[j];
                if ((yi <= sy && yj > sy) || (yj <= sy && yi > sy)) {
                    crossings[count++] = xs[i] + (sy - yi) / (yj - yi) * (xs[j] - xs[i]);
                }
            }
            Arrays.sort(crossings, 0, count);
            for (int k = 0; k + 1 < count; k += 2) {
                int from = Math.max(rect.x(), (int) Math.ceil(crossings[k] - 0.5));
                int to = Math.min(rect.right(), (int) Math.ceil(crossings[k + 1] - 0.5));
                if (to > from) {
                    Arrays.fill(values, y * width + from, y * width + to, v);
                }
            }
        }
        changed(rect, before);
        return rect;
    }

    public PixelRect fillAll(boolean fill) {
        Arrays.fill(values, fill ? (byte) 255 : 0);
        filled = fill ? values.length : 0;
        notifyAll(bounds());
        return bounds();
    }

    public PixelRect invert() {
        for (int i = 0; i < values.length; i++) {
            values[i] = (byte) (255 - (values[i] & 0xFF));
        }
        filled = countFilled(bounds());
        notifyAll(bounds());
        return bounds();
    }

    /** Replaces the whole mask with a binary one of the same size. */
    public PixelRect set(Mask mask) {
        if (mask.width() != width || mask.height() != height) {
            throw new IllegalArgumentException("mask size differs");
        }
        boolean[] f = mask.fillArray();
        long n = 0;
        for (int i = 0; i < f.length; i++) {
            values[i] = f[i] ? (byte) 255 : 0;
            if (f[i]) {
                n++;
            }
        }
        filled = n;
        notifyAll(bounds());
        return bounds();
    }

    /**
     * Replaces every coverage value (a whole-mask command such as grow or feather). Only the
     * rectangle where the values differ is copied, counted and redrawn, so a live preview of a
     * command that moves a small mask's edge stays quick on a large picture. Returns the whole
     * area, which an undo step recording it covers.
     */
    public PixelRect setValues(byte[] newValues) {
        if (newValues.length != values.length) {
            throw new IllegalArgumentException("mask size differs");
        }
        for (PixelRect area : changedBlocks(values, newValues, width, height)) {
            long before = countFilled(area);
            for (int y = area.y(); y < area.bottom(); y++) {
                int from = y * width + area.x();
                System.arraycopy(newValues, from, values, from, area.width());
            }
            changed(area, before);
        }
        return bounds();
    }

    /** Side of the blocks {@link #changedBlocks} reports in. */
    static final int CHANGE_BLOCK = 128;

    /**
     * The blocks of {@link #CHANGE_BLOCK} pixels where the two masks differ, with neighbours in a block
     * row merged. Growing a mask that covers most of a 4000×3000 picture changes a thin ring, whose
     * bounding box is the whole picture; reporting blocks lets the overlay redraw only the ring.
     */
    static List<PixelRect> changedBlocks(byte[] values, byte[] other, int width, int height) {
        int cols = (width + CHANGE_BLOCK - 1) / CHANGE_BLOCK;
        List<PixelRect> out = new ArrayList<>();
        for (int by = 0; by < height; by += CHANGE_BLOCK) {
            int bottom = Math.min(height, by + CHANGE_BLOCK);
            boolean[] dirty = dirtyColumns(values, other, width, by, bottom, cols);
            for (int c = 0; c < cols; c++) {
                if (!dirty[c]) {
                    continue;
                }
                int first = c;
                while (c + 1 < cols && dirty[c + 1]) {
                    c++;
                }
                out.add(tighten(values, other, width,
                        PixelRect.ofBounds(first * CHANGE_BLOCK, by, Math.min(width, (c + 1) * CHANGE_BLOCK), bottom)));
            }
        }
        return out;
    }

    private static boolean[] dirtyColumns(byte[] values, byte[] other, int width, int top, int bottom, int cols) {
        boolean[] dirty = new boolean[cols];
        for (int y = top; y < bottom; y++) {
            int row = y * width;
            for (int c = 0; c < cols; c++) {
                if (dirty[c]) {
                    continue;
                }
                int from = row + c * CHANGE_BLOCK;
                int to = row + Math.min(width, (c + 1) * CHANGE_BLOCK);
                dirty[c] = Arrays.mismatch(values, from, to, other, from, to) >= 0;
            }
        }
        return dirty;
    }

    /** The smallest rectangle outside which the two row-major masks of this size are equal. */
    public static PixelRect differingArea(byte[] values, byte[] other, int width, int height) {
        return tighten(values, other, width, new PixelRect(0, 0, width, height));
    }

    /** The smallest rectangle inside {@code area} outside which the two masks are equal there. */
    private static PixelRect tighten(byte[] values, byte[] other, int width, PixelRect area) {
        int minX = area.right(), minY = -1, maxX = -1, maxY = -1;
        for (int y = area.y(); y < area.bottom(); y++) {
            int row = y * width;
            int first = Arrays.mismatch(values, row + area.x(), row + area.right(), other, row + area.x(),
                    row + area.right());
            if (first < 0) {
                continue;
            }
            if (minY < 0) {
                minY = y;
            }
            maxY = y;
            minX = Math.min(minX, area.x() + first);
            int last = area.right() - 1;
            while (last > maxX && values[row + last] == other[row + last]) {
                last--;
            }
            maxX = Math.max(maxX, last);
        }
        return minY < 0 ? PixelRect.EMPTY : new PixelRect(minX, minY, maxX - minX + 1, maxY - minY + 1);
    }

    /**
     * Adds a selection (coverage per pixel) to the mask, keeping the larger value, or subtracts
     * it; returns the rectangle that holds the selection.
     */
    public PixelRect combine(byte[] selection, boolean subtract) {
        if (selection.length != values.length) {
            throw new IllegalArgumentException("mask size differs");
        }
        PixelRect area = boundsOf(selection, 1);
        if (area.isEmpty()) {
            return area;
        }
        long before = countFilled(area);
        for (int y = area.y(); y < area.bottom(); y++) {
            for (int i = y * width + area.x(), end = y * width + area.right(); i < end; i++) {
                int sel = selection[i] & 0xFF;
                int old = values[i] & 0xFF;
                values[i] = (byte) (subtract ? Math.min(old, 255 - sel) : Math.max(old, sel));
            }
        }
        changed(area, before);
        return area;
    }

    /** The smallest rectangle holding every fill pixel, or {@link PixelRect#EMPTY}. */
    public PixelRect fillBounds() {
        return boundsOf(values, THRESHOLD);
    }

    private PixelRect boundsOf(byte[] data, int threshold) {
        int minX = width, minY = height, maxX = -1, maxY = -1;
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                if ((data[row + x] & 0xFF) >= threshold) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = y;
                }
            }
        }
        return maxX < 0 ? PixelRect.EMPTY : PixelRect.ofBounds(minX, minY, maxX + 1, maxY + 1);
    }

    private void notifyAll(PixelRect r) {
        for (Consumer<PixelRect> l : List.copyOf(listeners)) {
            l.accept(r);
        }
    }

    /**
     * The soft mask: fill coverage 0..1 per pixel, row-major. Brush hardness and feathering
     * reach the engine through it (1 − coverage is the keep weight of the known pixel).
     */
    public float[] fillCoverage() {
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (values[i] & 0xFF) / 255f;
        }
        return out;
    }

    /** The binary view: coverage ≥ 50% is fill (crop plan, binary mask conventions). */
    public Mask toMask() {
        boolean[] f = new boolean[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (values[i] & 0xFF) >= THRESHOLD;
        }
        return Mask.wrap(width, height, f);
    }

    /** Copies a rectangle of coverage bytes into {@code out} (row-major, rect width). */
    public void copyRect(PixelRect r, byte[] out) {
        for (int y = 0; y < r.height(); y++) {
            System.arraycopy(values, (r.y() + y) * width + r.x(), out, y * r.width(), r.width());
        }
    }

    /** XORs a rectangle with {@code delta}: applying the same delta twice restores the original. */
    public void xorRect(PixelRect r, byte[] delta) {
        long before = countFilled(r);
        for (int y = 0; y < r.height(); y++) {
            int row = (r.y() + y) * width + r.x();
            int d = y * r.width();
            for (int x = 0; x < r.width(); x++) {
                values[row + x] ^= delta[d + x];
            }
        }
        changed(r, before);
    }

    /** A copy of the coverage bytes, e.g. the state a stroke started from. */
    public byte[] snapshot() {
        return values.clone();
    }

    /** Copies a rectangle of the current values into a full-size snapshot array. */
    public void syncSnapshot(byte[] snapshot, PixelRect r) {
        for (int y = r.y(); y < r.bottom(); y++) {
            System.arraycopy(values, y * width + r.x(), snapshot, y * width + r.x(), r.width());
        }
    }
}
