package org.repaintstudio.app.edit;

/** A pixel rectangle, [x, x + width) × [y, y + height). */
public record PixelRect(int x, int y, int width, int height) {
    public static final PixelRect EMPTY = new PixelRect(0, 0, 0, 0);

    public boolean isEmpty() {
        return width <= 0 || height <= 0;
    }

    public int right() {
        return x + width;
    }

    public int bottom() {
        return y + height;
    }

    public static PixelRect ofBounds(int x0, int y0, int x1, int y1) {
        return x1 <= x0 || y1 <= y0 ? EMPTY : new PixelRect(x0, y0, x1 - x0, y1 - y0);
    }

    public PixelRect union(PixelRect o) {
        if (isEmpty()) {
            return o;
        }
        if (o.isEmpty()) {
            return this;
        }
        return ofBounds(Math.min(x, o.x), Math.min(y, o.y), Math.max(right(), o.right()), Math.max(bottom(), o.bottom()));
    }

    public PixelRect clip(int w, int h) {
        return ofBounds(Math.max(0, x), Math.max(0, y), Math.min(w, right()), Math.min(h, bottom()));
    }

    public long area() {
        return isEmpty() ? 0 : (long) width * height;
    }
}
