package org.repaintstudio.core.refine;

import java.util.ArrayList;
import java.util.List;

import org.repaintstudio.core.image.Mask;

/**
 * Where a level redraws and which tiles cover it: the mask at level resolution (a level pixel is
 * redrawn if any image pixel under it is masked), dilated, then covered by a grid of overlapping
 * model-size tiles of which only those touching a redrawn pixel are kept. Work stays proportional to
 * the mask's bounding box.
 */
final class LevelTiling {
    private LevelTiling() {}

    static RefineLevel level(int index, int scale, Mask mask, Mask.Box maskBox, int tile, int overlap, int dilation) {
        int extentW = ceilDiv(mask.width(), scale);
        int extentH = ceilDiv(mask.height(), scale);
        int x0 = Math.max(0, maskBox.x() / scale - dilation);
        int y0 = Math.max(0, maskBox.y() / scale - dilation);
        int x1 = Math.min(extentW, (maskBox.right() - 1) / scale + 1 + dilation);
        int y1 = Math.min(extentH, (maskBox.bottom() - 1) / scale + 1 + dilation);
        Mask.Box fillBox = new Mask.Box(x0, y0, x1 - x0, y1 - y0);
        boolean[] fill = dilate(cells(mask, scale, fillBox), fillBox.width(), fillBox.height(), dilation);
        int[] xs = positions(fillBox.x(), fillBox.width(), extentW, tile, overlap);
        int[] ys = positions(fillBox.y(), fillBox.height(), extentH, tile, overlap);
        List<Mask.Box> tiles = new ArrayList<>();
        for (int ty : ys) {
            for (int tx : xs) {
                Mask.Box t = new Mask.Box(tx, ty, tile, tile);
                if (touches(fill, fillBox, t)) {
                    tiles.add(t);
                }
            }
        }
        Mask.Box canvas = union(tiles);
        return new RefineLevel(index, scale, canvas, tiles, place(fill, fillBox, canvas));
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** Level pixels of {@code box} under which at least one image pixel is masked. */
    private static boolean[] cells(Mask mask, int scale, Mask.Box box) {
        boolean[] out = new boolean[box.width() * box.height()];
        int ix0 = box.x() * scale;
        int iy0 = box.y() * scale;
        int ix1 = Math.min(mask.width(), box.right() * scale);
        int iy1 = Math.min(mask.height(), box.bottom() * scale);
        for (int y = iy0; y < iy1; y++) {
            int row = (y / scale - box.y()) * box.width();
            for (int x = ix0; x < ix1; x++) {
                if (mask.isFill(x, y)) {
                    out[row + x / scale - box.x()] = true;
                }
            }
        }
        return out;
    }

    /** Square (Chebyshev) dilation by {@code r}, separably. */
    static boolean[] dilate(boolean[] in, int w, int h, int r) {
        if (r == 0) {
            return in;
        }
        boolean[] rows = new boolean[in.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (in[y * w + x]) {
                    for (int k = Math.max(0, x - r); k <= Math.min(w - 1, x + r); k++) {
                        rows[y * w + k] = true;
                    }
                }
            }
        }
        boolean[] out = new boolean[in.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (rows[y * w + x]) {
                    for (int k = Math.max(0, y - r); k <= Math.min(h - 1, y + r); k++) {
                        out[k * w + x] = true;
                    }
                }
            }
        }
        return out;
    }

    /**
     * Tile starts along one axis covering [start, start + length) with at least {@code overlap}
     * pixels shared by neighbours, inside [0, extent) where the extent allows, centred on it if not.
     */
    static int[] positions(int start, int length, int extent, int tile, int overlap) {
        if (extent <= tile) {
            return new int[] {Math.floorDiv(extent - tile, 2)};
        }
        if (length <= tile) {
            int centred = start + length / 2 - tile / 2;
            return new int[] {Math.max(0, Math.min(extent - tile, centred))};
        }
        int stride = Math.max(1, tile - overlap);
        int span = length - tile;
        int n = (span + stride - 1) / stride + 1;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = start + (int) Math.round(i * (double) span / (n - 1));
        }
        return out;
    }

    private static boolean touches(boolean[] fill, Mask.Box box, Mask.Box tile) {
        int x0 = Math.max(box.x(), tile.x());
        int y0 = Math.max(box.y(), tile.y());
        int x1 = Math.min(box.right(), tile.right());
        int y1 = Math.min(box.bottom(), tile.bottom());
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                if (fill[(y - box.y()) * box.width() + x - box.x()]) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Mask.Box union(List<Mask.Box> tiles) {
        int x0 = Integer.MAX_VALUE;
        int y0 = Integer.MAX_VALUE;
        int x1 = Integer.MIN_VALUE;
        int y1 = Integer.MIN_VALUE;
        for (Mask.Box t : tiles) {
            x0 = Math.min(x0, t.x());
            y0 = Math.min(y0, t.y());
            x1 = Math.max(x1, t.right());
            y1 = Math.max(y1, t.bottom());
        }
        return new Mask.Box(x0, y0, x1 - x0, y1 - y0);
    }

    /** Copies the box's redraw flags into a canvas-sized array. */
    private static boolean[] place(boolean[] fill, Mask.Box box, Mask.Box canvas) {
        boolean[] out = new boolean[canvas.width() * canvas.height()];
        for (int y = 0; y < box.height(); y++) {
            for (int x = 0; x < box.width(); x++) {
                if (fill[y * box.width() + x]) {
                    out[(y + box.y() - canvas.y()) * canvas.width() + x + box.x() - canvas.x()] = true;
                }
            }
        }
        return out;
    }
}
